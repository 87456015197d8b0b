package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the controllers and kubelets of a real cluster would do, for a cluster that has none (fabric8's CRUD mock
 * server, the local platform's simulated cluster): given a Deployment, create its pods and write the Deployment's
 * and pods' status, healthy or in one of the failure states an agent can end in. Synchronous: a test calls it
 * where a real cluster would have acted. The simulated cluster's background kubelet builds the same objects from
 * the package-private helpers here, over time.
 */
public final class SimulatedKubelet {

    /** How the pods of a rollout end up. */
    public enum Outcome {
        READY("Ready"),
        IMAGE_PULL_BACK_OFF("ImagePullBackOff"),
        CRASH_LOOP_BACK_OFF("CrashLoopBackOff"),
        OOM_KILLED("OOMKilled"),
        UNSCHEDULABLE("Unschedulable"),
        QUOTA_EXCEEDED("QuotaExceeded");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The name Kubernetes shows for this state ({@code CrashLoopBackOff}), the annotation's value. */
        public String label() {
            return label;
        }

        /**
         * The outcome named {@code text}: its label or constant name, in any case, with or without separators
         * ({@code CrashLoopBackOff}, {@code crash-loop-back-off}, {@code CRASH_LOOP_BACK_OFF}).
         */
        public static Optional<Outcome> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String key = text.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
            for (Outcome o : values()) {
                if (o.label.toLowerCase(Locale.ROOT).equals(key)
                        || o.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** The pod label a real Deployment controller sets: which template the pod was made from. */
    static final String TEMPLATE_HASH = "pod-template-hash";
    /** Marks a pod this simulation made and the outcome it was made for. */
    static final String OUTCOME = "launchpad.local/outcome";
    /** When a starting pod settles into its outcome (RFC 3339, millisecond precision). */
    static final String SETTLES_AT = "launchpad.local/settles-at";
    /** The Deployment that owns a pod this simulation made. */
    static final String DEPLOYMENT = "launchpad.local/deployment";
    static final String CONTAINER_CREATING = "ContainerCreating";
    private static final String QUOTA_MESSAGE = "exceeded quota: agent-launchpad-quota, requested: "
            + "limits.memory=1Gi, used: limits.memory=32Gi, limited: limits.memory=32Gi";

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String node;
    private final int nodes;

    public SimulatedKubelet(KubernetesClient client) {
        this(client, "node-1", 3);
    }

    /** A kubelet placing pods on {@code node}, one of {@code nodes} in the cluster (its scheduling messages). */
    SimulatedKubelet(KubernetesClient client, String node, int nodes) {
        this.client = client;
        this.node = node;
        this.nodes = nodes;
    }

    /**
     * Rolls the Deployment out: its pods replaced by {@code spec.replicas} new ones in the given state. For a bare
     * CRUD mock server; a {@link SimulatedCluster} runs its own kubelet, which would undo this within a tick: use
     * {@link SimulatedCluster#simulate(String, Outcome)} there.
     */
    public void rollOut(String namespace, String name, Outcome outcome) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new IllegalStateException("no Deployment " + namespace + "/" + name);
        }
        int replicas = replicas(deployment);
        client.pods().inNamespace(namespace).withLabels(deployment.getSpec().getSelector().getMatchLabels()).delete();
        int created = outcome == Outcome.QUOTA_EXCEEDED ? 0 : replicas;
        Instant now = Instant.now();
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < created; i++) {
            Pod pod = client.pods().inNamespace(namespace).resource(newPod(deployment, outcome, now)).create();
            pod.setStatus(settledStatus(outcome, pod, now));
            pods.add(client.pods().inNamespace(namespace).resource(pod).updateStatus());
        }
        Deployment current = client.apps().deployments().inNamespace(namespace).withName(name).get();
        current.setStatus(deploymentStatus(current, pods, outcome, now));
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

    static int replicas(Deployment deployment) {
        return deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    }

    /**
     * What a real controller puts in the {@code pod-template-hash} label: a digest of the pod template, the same
     * for the same template however its maps are ordered.
     */
    static String templateHash(Deployment deployment) {
        JsonNode template = KUBE.convertValue(deployment.getSpec().getTemplate(), JsonNode.class);
        return digest(canonical(template)).substring(0, 10);
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            StringBuilder s = new StringBuilder("{");
            new TreeMap<String, JsonNode>(java.util.stream.StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(node.fields(), 0), false)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((k, v) -> s.append(k).append(':').append(canonical(v)).append(','));
            return s.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder s = new StringBuilder("[");
            node.forEach(v -> s.append(canonical(v)).append(','));
            return s.append(']').toString();
        }
        return node.toString();
    }

    /**
     * A new pod of the Deployment's current template, named and labelled as a ReplicaSet would name it, marked with
     * the outcome it is made for; it settles {@code settlesAt}. Placed on this kubelet's node unless unschedulable.
     */
    Pod newPod(Deployment deployment, Outcome outcome, Instant settlesAt) {
        String hash = templateHash(deployment);
        var template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(TEMPLATE_HASH, hash);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
            annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.put(OUTCOME, outcome.name());
        annotations.put(SETTLES_AT, settlesAt.truncatedTo(ChronoUnit.MILLIS).toString());
        annotations.put(DEPLOYMENT, deployment.getMetadata().getName());
        Pod pod = new PodBuilder().withNewMetadata()
                .withName(deployment.getMetadata().getName() + "-" + hash + "-" + suffix())
                .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
        if (outcome != Outcome.UNSCHEDULABLE) {
            pod.getSpec().setNodeName(node);
        }
        return pod;
    }

    /** Five characters from the alphabet Kubernetes uses for generated names. */
    private static String suffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A scheduled pod whose container is being created: Pending, not ready. */
    PodStatus startingStatus(Pod pod, Instant now) {
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream().map(c ->
                new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                        .withReady(false).withStarted(false).withRestartCount(0)
                        .withState(new ContainerStateBuilder().withNewWaiting().withReason(CONTAINER_CREATING)
                                .endWaiting().build()).build()).toList();
        return new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod))
                .withHostIP(hostIp()).withStartTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
                .withConditions(condition("PodScheduled", true, now), condition("Initialized", true, now),
                        condition("ContainersReady", false, now), condition("Ready", false, now))
                .withContainerStatuses(containers).build();
    }

    /** True while the pod's container is still being created (it has not settled into its outcome). */
    static boolean starting(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getState() != null
                && s.getState().getWaiting() != null
                && CONTAINER_CREATING.equals(s.getState().getWaiting().getReason()));
    }

    /**
     * The pod settled into {@code outcome}, as PodDiagnosis reads it: the Ready condition, the container's
     * waiting reason and last termination, the scheduler's condition.
     */
    PodStatus settledStatus(Outcome outcome, Pod pod, Instant now) {
        String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime() : now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (outcome == Outcome.UNSCHEDULABLE) {
            return new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod))
                    .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                            .withReason("Unschedulable").withLastTransitionTime(time(now))
                            .withMessage("0/" + nodes + " nodes are available: " + nodes
                                    + " Insufficient memory. preemption: 0/" + nodes + " nodes are available: "
                                    + nodes + " No preemption victims found for incoming pod.").build())
                    .build();
        }
        boolean ready = outcome == Outcome.READY;
        String podIp = podIp(pod);
        List<ContainerStatus> containers = new ArrayList<>();
        for (var c : pod.getSpec().getContainers()) {
            String image = c.getImage();
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(image)
                    .withImageID(outcome == Outcome.IMAGE_PULL_BACK_OFF ? "" : imageId(image))
                    .withReady(ready).withStarted(ready);
            switch (outcome) {
                case READY -> status.withRestartCount(0).withContainerID(containerId(pod, c.getName(), 0))
                        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(started)
                                .endRunning().build());
                case IMAGE_PULL_BACK_OFF -> status.withRestartCount(0).withState(waiting("ImagePullBackOff",
                        "Back-off pulling image \"" + image + "\""));
                case CRASH_LOOP_BACK_OFF -> crashed(status, pod, c.getName(), 6, "Error", 1,
                        "back-off 5m0s restarting failed container=" + c.getName() + " pod=" + name(pod), now);
                case OOM_KILLED -> crashed(status, pod, c.getName(), 3, "OOMKilled", 137,
                        "back-off 40s restarting failed container=" + c.getName() + " pod=" + name(pod), now);
                default -> throw new IllegalArgumentException(outcome.name());
            }
            containers.add(status.build());
        }
        return new PodStatusBuilder().withPhase(outcome == Outcome.IMAGE_PULL_BACK_OFF ? "Pending" : "Running")
                .withQosClass(qosClass(pod)).withStartTime(started).withHostIP(hostIp()).withPodIP(podIp)
                .addNewPodIP(podIp)
                .withConditions(condition("PodScheduled", true, now), condition("Initialized", true, now),
                        condition("ContainersReady", ready, now), condition("Ready", ready, now))
                .withContainerStatuses(containers).build();
    }

    /** A container in back-off after its {@code restarts}-th exit; the last run lasted a few seconds. */
    private static void crashed(ContainerStatusBuilder status, Pod pod, String container, int restarts, String reason,
                                int exitCode, String message, Instant now) {
        Instant finished = now.minusSeconds(1);
        Instant started = finished.minusSeconds(3);
        status.withRestartCount(restarts).withState(waiting("CrashLoopBackOff", message))
                .withLastState(new ContainerStateBuilder().withNewTerminated().withReason(reason)
                        .withExitCode(exitCode).withStartedAt(time(started)).withFinishedAt(time(finished))
                        .withContainerID(containerId(pod, container, restarts)).endTerminated().build());
    }

    static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                .build();
    }

    static PodCondition condition(String type, boolean status, Instant now) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(time(now)).build();
    }

    /**
     * The Deployment's status as its controller writes it, from the pods of its current template ({@code pods})
     * and the outcome they are made for: replica counts, the generation observed, and the Available, Progressing
     * and (quota) ReplicaFailure conditions, keeping a condition's times while it does not change.
     */
    static DeploymentStatus deploymentStatus(Deployment deployment, List<Pod> pods, Outcome outcome, Instant now) {
        int wanted = replicas(deployment);
        int ready = (int) pods.stream().filter(SimulatedKubelet::ready).count();
        String replicaSet = "ReplicaSet \"" + deployment.getMetadata().getName() + "-" + templateHash(deployment)
                + "\"";
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
                    "pods \"" + deployment.getMetadata().getName() + "-" + templateHash(deployment) + "-x\" is "
                            + "forbidden: " + QUOTA_MESSAGE, now));
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
                .withMessage(message).withLastUpdateTime(time(now)).withLastTransitionTime(time(now)).build();
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

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** When a pod this simulation made settles; null for a pod made otherwise. */
    static Instant settlesAt(Pod pod) {
        String at = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(SETTLES_AT);
        try {
            return at == null ? null : Instant.parse(at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Guaranteed when every container's requests equal its limits, BestEffort with none, else Burstable. */
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (var c : pod.getSpec().getContainers()) {
            var r = c.getResources();
            var requests = r == null || r.getRequests() == null ? Map.<String, Quantity>of() : r.getRequests();
            var limits = r == null || r.getLimits() == null ? Map.<String, Quantity>of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String name : List.of("cpu", "memory")) {
                Quantity limit = limits.get(name);
                Quantity request = requests.getOrDefault(name, limit);
                guaranteed &= limit != null && request != null
                        && limit.getNumericalAmount().compareTo(request.getNumericalAmount()) == 0;
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    static String hostIp() {
        return "10.0.0.10";
    }

    private static String podIp(Pod pod) {
        int n = Math.floorMod(pod.getMetadata().getName().hashCode(), 250) + 2;
        return "10.244.0." + n;
    }

    private static String imageId(String image) {
        String base = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        return base + "@sha256:" + digest(image);
    }

    static String containerId(Pod pod, String container, int instance) {
        return containerId(pod.getMetadata().getName(), container, instance);
    }

    static String containerId(String podName, String container, int instance) {
        return "containerd://" + digest(podName + "/" + container + "/" + instance);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
