package io.agentlaunchpad.agents;

import java.time.Instant;
import java.util.Map;

/**
 * An agent as stored. {@code sealedPlatforms} holds every platform setting sealed; {@code platformView} the same
 * settings with secret values replaced by {@link Platform#REDACTED}, which is all a response may show.
 * {@code generation} counts changes of desired state (the deployer skips commands for older ones);
 * {@code version} guards every write against a concurrent one.
 */
public record Agent(
        String agentId,
        String owner,
        AgentSpec spec,
        String sealedPlatforms,
        Map<String, Map<String, String>> platformView,
        AgentStatus status,
        String statusReason,
        long generation,
        long version,
        int readyReplicas,
        Instant createdAt,
        Instant updatedAt,
        Instant deployedAt,
        Instant restartRequestedAt) {

    /** The next desired state: generation and version move on, status becomes what the change is doing. */
    public Agent next(AgentSpec newSpec, String newSealedPlatforms, Map<String, Map<String, String>> newPlatformView,
                      AgentStatus newStatus, Instant now, Instant restartRequested) {
        return new Agent(agentId, owner, newSpec, newSealedPlatforms, newPlatformView, newStatus, null,
                generation + 1, version + 1, readyReplicas, createdAt, now, deployedAt, restartRequested);
    }
}
