package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        current.setStatus(DeploymentStatuses.deploymentStatus(current, pods, outcome, now));
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
        return PodStatuses.digest(canonical(template)).substring(0, 10);
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

    /** The pod settled into {@code outcome} on this kubelet's cluster ({@link PodStatuses#settledStatus}). */
    PodStatus settledStatus(Outcome outcome, Pod pod, Instant now) {
        return PodStatuses.settledStatus(outcome, pod, now, nodes);
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

}
