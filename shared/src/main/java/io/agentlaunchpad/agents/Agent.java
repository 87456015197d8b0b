package io.agentlaunchpad.agents;

import java.time.Instant;
import java.util.Map;

/**
 * An agent as stored. {@code sealedPlatforms} holds every platform setting sealed; {@code platformView} the same
 * settings with secret values replaced by {@link Platform#REDACTED}, which is all a response may show.
 * {@code generation} counts changes of desired state (the deployer skips commands for older ones);
 * {@code version} guards every write against a concurrent one. {@code sealedAuthToken} is the agent's own API token
 * ({@code ELIZA_SERVER_AUTH_TOKEN}), sealed like the platform settings; null for an agent created before agents had
 * one, until its next roll-out gives it one. {@code deployedRevision} is the revision (generation) the deployer last
 * saw running ready, 0 before the first.
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
        Instant restartRequestedAt,
        String sealedAuthToken,
        long deployedRevision) {

    public Agent(String agentId, String owner, AgentSpec spec, String sealedPlatforms,
                 Map<String, Map<String, String>> platformView, AgentStatus status, String statusReason,
                 long generation, long version, int readyReplicas, Instant createdAt, Instant updatedAt,
                 Instant deployedAt, Instant restartRequestedAt, String sealedAuthToken) {
        this(agentId, owner, spec, sealedPlatforms, platformView, status, statusReason, generation, version,
                readyReplicas, createdAt, updatedAt, deployedAt, restartRequestedAt, sealedAuthToken, 0);
    }

    /** An agent without an auth token yet (as created before tokens existed). */
    public Agent(String agentId, String owner, AgentSpec spec, String sealedPlatforms,
                 Map<String, Map<String, String>> platformView, AgentStatus status, String statusReason,
                 long generation, long version, int readyReplicas, Instant createdAt, Instant updatedAt,
                 Instant deployedAt, Instant restartRequestedAt) {
        this(agentId, owner, spec, sealedPlatforms, platformView, status, statusReason, generation, version,
                readyReplicas, createdAt, updatedAt, deployedAt, restartRequestedAt, null);
    }

    public Agent withSealedAuthToken(String sealed) {
        return new Agent(agentId, owner, spec, sealedPlatforms, platformView, status, statusReason, generation, version,
                readyReplicas, createdAt, updatedAt, deployedAt, restartRequestedAt, sealed, deployedRevision);
    }

    /** Never the sealed values: a record printed into a log or an assertion message shows no ciphertext. */
    @Override
    public String toString() {
        return "Agent[" + agentId + " of " + owner + ", " + status + ", generation " + generation + ", version "
                + version + "]";
    }

    /** The next desired state: generation and version move on, status becomes what the change is doing. */
    public Agent next(AgentSpec newSpec, String newSealedPlatforms, Map<String, Map<String, String>> newPlatformView,
                      AgentStatus newStatus, Instant now, Instant restartRequested) {
        return new Agent(agentId, owner, newSpec, newSealedPlatforms, newPlatformView, newStatus, null,
                generation + 1, version + 1, readyReplicas, createdAt, now, deployedAt, restartRequested,
                sealedAuthToken, deployedRevision);
    }
}
