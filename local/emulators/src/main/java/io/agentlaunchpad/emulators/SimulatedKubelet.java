package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the controllers and kubelets of a real cluster would do, for a cluster that has none (fabric8's CRUD mock
 * server, the local platform's simulated cluster): given a Deployment, create its pods and write the Deployment's
 * and pods' status, healthy or in one of the failure states an agent can end in. Synchronous: a test calls it
 * where a real cluster would have acted.
 */
public final class SimulatedKubelet {

    /** How the pods of a rollout end up. */
    public enum Outcome { READY, IMAGE_PULL_BACK_OFF, CRASH_LOOP_BACK_OFF, OOM_KILLED, UNSCHEDULABLE, QUOTA_EXCEEDED }

    private final KubernetesClient client;

    public SimulatedKubelet(KubernetesClient client) {
        this.client = client;
    }

    /** Rolls the Deployment out: its pods replaced by {@code spec.replicas} new ones in the given state. */
    public void rollOut(String namespace, String name, Outcome outcome) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new IllegalStateException("no Deployment " + namespace + "/" + name);
        }
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        client.pods().inNamespace(namespace).withLabels(deployment.getSpec().getSelector().getMatchLabels()).delete();
        int created = outcome == Outcome.QUOTA_EXCEEDED ? 0 : replicas;
        for (int i = 0; i < created; i++) {
            Pod pod = new PodBuilder().withNewMetadata().withName(name + "-" + Long.toHexString(System.nanoTime()) + i)
                    .withNamespace(namespace).withLabels(labels).endMetadata()
                    .withSpec(deployment.getSpec().getTemplate().getSpec())
                    .build();
            pod = client.pods().inNamespace(namespace).resource(pod).create();
            pod.setStatus(podStatus(outcome, pod));
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
        }
        int ready = outcome == Outcome.READY ? replicas : 0;
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(new DeploymentConditionBuilder().withType("Available")
                .withStatus(ready >= replicas ? "True" : "False").build());
        if (outcome == Outcome.QUOTA_EXCEEDED) {
            conditions.add(new DeploymentConditionBuilder().withType("ReplicaFailure").withStatus("True")
                    .withReason("FailedCreate").withMessage("pods \"" + name + "-x\" is forbidden: exceeded quota: "
                            + "agent-launchpad-quota, requested: limits.memory=1Gi, used: limits.memory=32Gi, "
                            + "limited: limits.memory=32Gi").build());
        }
        Deployment current = client.apps().deployments().inNamespace(namespace).withName(name).get();
        current.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(current.getMetadata().getGeneration())
                .withReplicas(created).withUpdatedReplicas(created).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUnavailableReplicas(replicas - ready)
                .withConditions(conditions).build());
        client.apps().deployments().inNamespace(namespace).resource(current).updateStatus();
    }

    /** Deletes pods whose Deployment is gone, as the garbage collector would. */
    public void collectGarbage(String namespace) {
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            String agent = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("agent-id");
            if (agent != null && client.apps().deployments().inNamespace(namespace).withName(agent).get() == null) {
                client.pods().inNamespace(namespace).resource(pod).delete();
            }
        }
    }

    private static io.fabric8.kubernetes.api.model.PodStatus podStatus(Outcome outcome, Pod pod) {
        String now = Instant.now().toString();
        boolean ready = outcome == Outcome.READY;
        List<PodCondition> conditions = new ArrayList<>();
        if (outcome == Outcome.UNSCHEDULABLE) {
            conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable")
                    .withMessage("0/3 nodes are available: 3 Insufficient memory.").build());
            return new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending")
                    .withConditions(conditions).build();
        }
        conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build());
        conditions.add(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build());
        ContainerStatus container = switch (outcome) {
            case READY -> new ContainerStatusBuilder().withName("agent").withReady(true).withRestartCount(0)
                    .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build())
                    .build();
            case IMAGE_PULL_BACK_OFF -> waiting("ImagePullBackOff", "Back-off pulling image \""
                    + pod.getSpec().getContainers().get(0).getImage() + "\"", 0, null);
            case CRASH_LOOP_BACK_OFF -> waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container", 6,
                    "Error");
            case OOM_KILLED -> waiting("CrashLoopBackOff", "back-off 40s restarting failed container", 3, "OOMKilled");
            default -> throw new IllegalArgumentException(outcome.name());
        };
        return new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withStartTime(now)
                .withConditions(conditions).withContainerStatuses(container).build();
    }

    private static ContainerStatus waiting(String reason, String message, int restarts, String lastTerminated) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName("agent").withReady(false)
                .withRestartCount(restarts)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message)
                        .endWaiting().build());
        if (lastTerminated != null) {
            status.withLastState(new ContainerStateBuilder().withNewTerminated().withReason(lastTerminated)
                    .withExitCode("OOMKilled".equals(lastTerminated) ? 137 : 1).endTerminated().build());
        }
        return status.build();
    }
}
