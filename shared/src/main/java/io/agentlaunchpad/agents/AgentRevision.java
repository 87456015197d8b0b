package io.agentlaunchpad.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted change of an agent's desired state, never changed afterwards: its number (the generation it made),
 * when, who (user and key), the request, which field paths changed (paths only, never values), and the whole desired
 * state it describes. The platform settings stay sealed exactly as the agent held them ({@code sealedPlatforms},
 * copied, never unsealed to copy); {@code platformView} is their redacted form.
 */
public record AgentRevision(
        String agentId,
        long revision,
        Instant createdAt,
        String userId,
        String keyId,
        String requestId,
        RevisionKind kind,
        Long rolledBackFrom,
        List<String> changes,
        AgentSpec spec,
        String sealedPlatforms,
        Map<String, Map<String, String>> platformView) {

    /** What made a revision. */
    public enum RevisionKind { CREATE, UPDATE, SCALE, RESTART, ROLLBACK }

    /** Never the sealed values. */
    @Override
    public String toString() {
        return "AgentRevision[" + agentId + " #" + revision + ", " + kind + ", " + changes + "]";
    }
}
