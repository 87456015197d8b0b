package io.agentlaunchpad.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What the cluster says about one agent's Deployment and pods at one moment. {@code appliedGeneration}: the agent
 * generation whose desired state the Deployment carries (-1 when unknown: applied before it was recorded).
 */
public record Observation(int desiredReplicas, int readyReplicas, int updatedReplicas, boolean rolledOut,
                          String image, String configChecksum, long appliedGeneration, List<Condition> conditions,
                          List<PodState> pods) {

    public record Condition(String type, String status, String reason, String message) {
    }

    /**
     * One pod: its readiness, start time, and why its container is not running, if it is not
     * ({@code lastTerminatedMessage}: the termination message of its last run, the log tail when it failed).
     */
    public record PodState(String name, String phase, boolean ready, Instant startedAt, String waitingReason,
                           String waitingMessage, String terminatedReason, String lastTerminatedReason,
                           String lastTerminatedMessage, int restarts, String unschedulableMessage) {
    }

    /** All wanted replicas ready on the current template. */
    public boolean ready() {
        return rolledOut && readyReplicas >= desiredReplicas && updatedReplicas >= desiredReplicas;
    }
}
