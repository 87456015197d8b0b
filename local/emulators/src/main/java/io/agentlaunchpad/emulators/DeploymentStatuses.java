package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The status a Deployment controller writes for a Deployment of the simulation, from its pods. */
final class DeploymentStatuses {

    private static final String QUOTA_MESSAGE = "exceeded quota: agent-launchpad-quota, requested: "
            + "limits.memory=1Gi, used: limits.memory=32Gi, limited: limits.memory=32Gi";

    private DeploymentStatuses() {
    }

    /**
     * The Deployment's status as its controller writes it, from the pods of its current template ({@code pods})
     * and the outcome they are made for: replica counts, the generation observed, and the Available, Progressing
     * and (quota) ReplicaFailure conditions, keeping a condition's times while it does not change.
     */
    static DeploymentStatus deploymentStatus(Deployment deployment, List<Pod> pods, Outcome outcome, Instant now) {
        int wanted = SimulatedKubelet.replicas(deployment);
        int ready = (int) pods.stream().filter(SimulatedKubelet::ready).count();
        String replicaSet = "ReplicaSet \"" + deployment.getMetadata().getName() + "-"
                + SimulatedKubelet.templateHash(deployment) + "\"";
        int maxUnavailable = wanted / 4;
        List<DeploymentCondition> conditions = new ArrayList<>();
        boolean available = ready >= wanted - maxUnavailable;
        conditions.add(deploymentCondition("Available", available,
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now));
        boolean complete = pods.size() == wanted && ready == wanted;
        Long deadline = deployment.getSpec().getProgressDeadlineSeconds() == null ? 600L
                : deployment.getSpec().getProgressDeadlineSeconds().longValue();
        Instant since = pods.stream().map(SimulatedKubelet::settlesAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(now);
        if (complete) {
            conditions.add(deploymentCondition("Progressing", true, "NewReplicaSetAvailable",
                    replicaSet + " has successfully progressed.", now));
        } else if (outcome != Outcome.READY && Duration.between(since, now).getSeconds() > deadline) {
            conditions.add(deploymentCondition("Progressing", false, "ProgressDeadlineExceeded",
                    replicaSet + " has timed out progressing.", now));
        } else {
            conditions.add(deploymentCondition("Progressing", true, "ReplicaSetUpdated",
                    replicaSet + " is progressing.", now));
        }
        if (outcome == Outcome.QUOTA_EXCEEDED) {
            conditions.add(deploymentCondition("ReplicaFailure", true, "FailedCreate",
                    "pods \"" + deployment.getMetadata().getName() + "-" + SimulatedKubelet.templateHash(deployment)
                            + "-x\" is forbidden: " + QUOTA_MESSAGE, now));
        }
        List<DeploymentCondition> previous = deployment.getStatus() == null
                || deployment.getStatus().getConditions() == null ? List.of() : deployment.getStatus().getConditions();
        for (DeploymentCondition c : conditions) {
            previous.stream().filter(p -> p.getType().equals(c.getType())).findFirst().ifPresent(p -> {
                if (Objects.equals(p.getStatus(), c.getStatus())) {
                    c.setLastTransitionTime(p.getLastTransitionTime());
                    if (Objects.equals(p.getReason(), c.getReason())
                            && Objects.equals(p.getMessage(), c.getMessage())) {
                        c.setLastUpdateTime(p.getLastUpdateTime());
                    }
                }
            });
        }
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(pods.size()).withUpdatedReplicas(pods.size()).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUnavailableReplicas(Math.max(0, wanted - ready))
                .withConditions(conditions).build();
    }

    private static DeploymentCondition deploymentCondition(String type, boolean status, String reason, String message,
                                                           Instant now) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason)
                .withMessage(message).withLastUpdateTime(PodStatuses.time(now))
                .withLastTransitionTime(PodStatuses.time(now)).build();
    }

    /** The same status up to the times its conditions were written: nothing to write. */
    static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(strip(a), strip(b));
    }

    private static DeploymentStatus strip(DeploymentStatus s) {
        DeploymentStatus copy = new DeploymentStatusBuilder(s).build();
        if (copy.getConditions() != null) {
            copy.setConditions(copy.getConditions().stream().map(c -> new DeploymentConditionBuilder(c)
                    .withLastUpdateTime(null).withLastTransitionTime(null).build()).toList());
        }
        return copy;
    }
}
