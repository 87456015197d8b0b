package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.time.Timestamps;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineType;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A roll-out through the scan gate: a passed image's objects applied (DEPLOYING, or STOPPED at 0 replicas), a
 * pending scan waited for until the progress deadline, a blocked image's objects removed and the agent FAILED.
 */
final class RollOut {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private final AgentStore store;
    private final Cluster cluster;
    private final ImageScans scans;
    private final RecordedVerdicts verdicts;
    private final OwnerNamespaces owners;
    private final AgentWorkloads workloads;
    private final AgentFailures failures;
    private final DeployerConfig config;
    private final Supplier<TimelineRecorder> timeline;
    private final Clock clock;

    RollOut(AgentStore store, Cluster cluster, ImageScans scans, RecordedVerdicts verdicts, OwnerNamespaces owners,
            AgentWorkloads workloads, AgentFailures failures, DeployerConfig config,
            Supplier<TimelineRecorder> timeline, Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.scans = scans;
        this.verdicts = verdicts;
        this.owners = owners;
        this.workloads = workloads;
        this.failures = failures;
        this.config = config;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** @return whether the change goes on, so its next look is due */
    boolean run(Agent agent) {
        ImageScans.Gate outcome;
        try {
            outcome = scans.gate(agent.spec().plugins());
        } catch (ImageUnavailableException e) {
            failures.fail(agent, "DEPLOYMENT_FAILED: " + e.getMessage() + ". Check the image catalogue.");
            return false;
        }
        ScanTimeline.record(timeline.get(), agent, outcome);
        Instant now = clock.instant();
        if (outcome instanceof ImageScans.Pending pending) {
            if (agent.updatedAt() != null && now.isAfter(agent.updatedAt().plus(config.progressDeadline()))) {
                failures.fail(agent, "ProgressDeadlineExceeded: the security scan of " + pending.image().digest()
                        + " did not finish within " + config.progressDeadline().toMinutes() + " minutes.");
                return false;
            }
            store.recordObserved(agent, agent.status(), agent.readyReplicas(),
                    ScanTimeline.WAITING + pending.image().digest(), null);
            return true;
        } else if (outcome instanceof ImageScans.Blocked blocked) {
            verdicts.record(new ImageVerdict(blocked.image().image().reference(), blocked.image().digest(), true,
                    blocked.scanId(), blocked.reason(), Timestamps.timestamp(now)));
            // Nothing of a blocked image may run, not even an older generation's pods.
            cluster.deleteAgent(workloads.namespace(agent), agent.agentId());
            failures.recordEvent(agent, SecurityEventType.SECURITY_SCAN_FAILED, SecurityEvent.HIGH,
                    "Container security scan failed",
                    Map.of("scanId", String.valueOf(blocked.scanId()), "reason", blocked.reason(),
                            "image", blocked.image().pinned()));
            failures.fail(agent, "SECURITY_SCAN_FAILED: " + blocked.reason());
            return false;
        } else if (outcome instanceof ImageScans.Passed passed) {
            verdicts.record(new ImageVerdict(passed.image().image().reference(), passed.image().digest(), false,
                    null, null, Timestamps.timestamp(now)));
            String namespace = workloads.namespace(agent);
            owners.applyAgent(agent.owner(), workloads.workload(agent, namespace, passed.image().pinned()));
            LOG.info("applied", Map.of("agentId", agent.agentId(), "generation", agent.generation(),
                    "image", passed.image().digest()));
            timeline.get().record(agent, TimelineType.APPLIED, "Applied revision " + agent.generation() + " in "
                    + namespace + " (ConfigMap, Secret, Deployment, Service, Ingress; image " + passed.image().digest()
                    + ")");
            if (agent.spec().resources().replicas() == 0) {
                store.recordObserved(agent, AgentStatus.STOPPED, 0, null, null);
                timeline.get().record(agent, TimelineType.STOPPED, "Stopped: 0 replicas wanted");
                return false;
            }
            return store.recordObserved(agent, AgentStatus.DEPLOYING, agent.readyReplicas(), null, null);
        }
        return false;
    }
}
