package io.agentlaunchpad.agents;

import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageVerdicts;

import java.util.function.Supplier;

/**
 * The ports a function may or may not have: the live cluster view (the Kubernetes adapter; without it the record's
 * view), the catalogue with the scan verdicts (the image pre-check), and who is told of each queued change (the
 * rollout timeline). Suppliers, resolved on first use, so a route that never needs the cluster never builds a
 * Kubernetes client. Any may be null: that part of the service is then off.
 */
public record AgentServicePorts(Supplier<LiveHealth> liveHealth, Supplier<ImageCatalogue> catalogue,
                                Supplier<ImageVerdicts> verdicts, QueuedChanges queuedChanges) {

    public static final AgentServicePorts NONE = new AgentServicePorts(null, null, null, QueuedChanges.NONE);

    /** The ports wired by hand (the local platform, tests); any may be null. */
    public static AgentServicePorts of(LiveHealth live, ImageCatalogue catalogue, ImageVerdicts verdicts,
                                       QueuedChanges queuedChanges) {
        return new AgentServicePorts(live == null ? null : () -> live, catalogue == null ? null : () -> catalogue,
                verdicts == null ? null : () -> verdicts, queuedChanges == null ? QueuedChanges.NONE : queuedChanges);
    }
}
