package io.agentlaunchpad.deployer;

import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.timeline.TimelineType;

import java.util.Optional;

/**
 * Where a rollout that has neither settled nor failed stands, as one timeline step: the furthest stage its pods
 * have reached. The same stage seen at two polls is the same step (the timeline keeps it once).
 */
final class RolloutProgress {

    record Step(TimelineType type, String message) {
    }

    private RolloutProgress() {
    }

    static Optional<Step> of(Observation o, int wanted) {
        String ready = o.readyReplicas() + "/" + wanted + " replicas ready";
        if (o.readyReplicas() > 0) {
            return Optional.of(new Step(TimelineType.REPLICAS_READY, ready));
        }
        if (o.pods().isEmpty()) {
            return Optional.empty();
        }
        if (o.pods().stream().anyMatch(p -> "Running".equals(p.phase()))) {
            return Optional.of(new Step(TimelineType.PODS_STARTED,
                    "Pods started; waiting for the agent's health check (" + ready + ")"));
        }
        if (o.pods().stream().anyMatch(p -> "ContainerCreating".equals(p.waitingReason())
                || "PodInitializing".equals(p.waitingReason()))) {
            return Optional.of(new Step(TimelineType.PODS_PULLING,
                    "Pulling the agent image and creating containers (" + ready + ")"));
        }
        return Optional.of(new Step(TimelineType.PODS_SCHEDULED, o.pods().size() + " pod"
                + (o.pods().size() == 1 ? "" : "s") + " created, waiting to be scheduled and started (" + ready + ")"));
    }
}
