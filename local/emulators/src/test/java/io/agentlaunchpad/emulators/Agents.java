package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Agents' Deployments on a cluster as the deployer writes them, and waits for what the kubelet makes of them. */
final class Agents {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Agents() {
    }

    static String namespace(KubernetesClient kube) {
        String ns = "agents-" + UUID.randomUUID().toString().substring(0, 8);
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        return ns;
    }

    /** Creates or replaces the Deployment as the deployer does (labels, selector, requests equal to limits). */
    static Deployment deploy(KubernetesClient kube, String ns, String name, int replicas, String image) {
        Map<String, String> labels = Map.of("agent-id", name, "app.kubernetes.io/managed-by", "agent-launchpad");
        Map<String, Quantity> amounts = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"));
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600)
                .withNewSelector().withMatchLabels(Map.of("agent-id", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage(image)
                .addNewPort().withName("http").withContainerPort(3000).endPort()
                .withNewResources().withRequests(amounts).withLimits(amounts).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();
        if (kube.apps().deployments().inNamespace(ns).withName(name).get() == null) {
            return kube.resource(d).create();
        }
        return kube.resource(d).update();
    }

    static List<Pod> pods(KubernetesClient kube, String ns, String agent) {
        return kube.pods().inNamespace(ns).withLabel("agent-id", agent).list().getItems();
    }

    static Optional<Deployment> status(KubernetesClient kube, String ns, String name) {
        return Optional.ofNullable(kube.apps().deployments().inNamespace(ns).withName(name).get())
                .filter(d -> d.getStatus() != null);
    }

    static Deployment awaitReady(KubernetesClient kube, String ns, String name, int replicas) {
        await(ns + "/" + name + " " + replicas + " ready", () -> status(kube, ns, name).map(d ->
                d.getStatus().getObservedGeneration() != null
                        && d.getStatus().getObservedGeneration().equals(d.getMetadata().getGeneration())
                        && Objects.equals(d.getStatus().getReadyReplicas(), replicas)
                        && Objects.equals(d.getStatus().getUpdatedReplicas(), replicas)
                        && pods(kube, ns, name).size() == replicas
                        && pods(kube, ns, name).stream().allMatch(SimulatedKubelet::ready)).orElse(false));
        return status(kube, ns, name).orElseThrow();
    }

    /** Deploys {@code name} with one replica of the first image and waits for it: the name of its Ready pod. */
    static String deployOneReady(KubernetesClient kube, String ns, String name) {
        deploy(kube, ns, name, 1, "elizaos-agent:1.4.4");
        awaitReady(kube, ns, name, 1);
        return pods(kube, ns, name).get(0).getMetadata().getName();
    }

    /** Waits until the pods (or, for a quota refusal, the Deployment) show the outcome as PodDiagnosis reads it. */
    static void awaitFailure(KubernetesClient kube, String ns, String name, Outcome outcome) {
        await(ns + "/" + name + " " + outcome, () -> {
            List<Pod> pods = pods(kube, ns, name);
            Deployment d = status(kube, ns, name).orElse(null);
            if (d == null || !Objects.equals(d.getStatus().getReadyReplicas(), 0)
                    || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
                return false;
            }
            String template = SimulatedKubelet.templateHash(d);
            if (!pods.stream().allMatch(p -> template.equals(p.getMetadata().getLabels()
                    .get(SimulatedKubelet.TEMPLATE_HASH)))) {
                return false;
            }
            if (outcome == Outcome.QUOTA_EXCEEDED) {
                return pods.isEmpty() && d.getStatus().getConditions().stream().anyMatch(c ->
                        c.getType().equals("ReplicaFailure") && c.getStatus().equals("True")
                                && c.getMessage().contains("exceeded quota"));
            }
            return !pods.isEmpty() && pods.stream().allMatch(p -> matches(p, outcome));
        });
    }

    private static boolean matches(Pod pod, Outcome outcome) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        if (outcome == Outcome.UNSCHEDULABLE) {
            return pod.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("PodScheduled")
                    && c.getStatus().equals("False") && "Unschedulable".equals(c.getReason())
                    && c.getMessage().contains("nodes are available"));
        }
        if (pod.getStatus().getContainerStatuses() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return false;
        }
        ContainerStatus c = pod.getStatus().getContainerStatuses().get(0);
        String waiting = c.getState().getWaiting() == null ? null : c.getState().getWaiting().getReason();
        String last = c.getLastState() == null || c.getLastState().getTerminated() == null ? null
                : c.getLastState().getTerminated().getReason();
        return switch (outcome) {
            case IMAGE_PULL_BACK_OFF -> "ImagePullBackOff".equals(waiting) && !c.getReady();
            case CRASH_LOOP_BACK_OFF -> "CrashLoopBackOff".equals(waiting) && "Error".equals(last)
                    && c.getRestartCount() > 0;
            case OOM_KILLED -> "CrashLoopBackOff".equals(waiting) && "OOMKilled".equals(last)
                    && c.getLastState().getTerminated().getExitCode() == 137;
            default -> false;
        };
    }

    static void await(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
