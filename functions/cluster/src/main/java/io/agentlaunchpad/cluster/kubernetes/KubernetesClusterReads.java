package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterReadException;
import io.agentlaunchpad.cluster.ClusterReads;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapter: {@link ClusterReads} through fabric8. Pods are read the way the reader's RBAC allows: the managed owner
 * namespaces listed cluster-wide (namespaces are the only namespaced-kind listing it has there), then the pods of
 * each, never the pods of the whole cluster.
 */
@ApplicationScoped
public class KubernetesClusterReads implements ClusterReads {

    private final KubernetesClient client;

    @Inject
    public KubernetesClusterReads(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<NodeCapacity> nodes() {
        return read(() -> client.nodes().list().getItems().stream()
                .map(n -> new NodeCapacity(n.getMetadata().getName(), ready(n),
                        amounts(n.getStatus() == null ? null : n.getStatus().getAllocatable()))).toList());
    }

    @Override
    public List<PodRequests> platformPods() {
        return read(() -> ownerNamespacePods(AgentNames.MANAGED_BY, AgentNames.MANAGER));
    }

    @Override
    public List<PodRequests> ownerNamespacePods() {
        return read(() -> ownerNamespacePods(null, null));
    }

    @Override
    public Optional<DeploymentLimits> deployment(String namespace, String agentId) {
        Deployment deployment = read(() -> client.apps().deployments().inNamespace(namespace).withName(agentId).get());
        if (deployment == null) {
            return Optional.empty();
        }
        List<Map<String, BigDecimal>> limits = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .map(c -> amounts(c.getResources() == null ? null : c.getResources().getLimits())).toList();
        return Optional.of(new DeploymentLimits(deployment.getSpec().getReplicas(), limits));
    }

    @Override
    public List<PodUsage> podUsage(String namespace, String agentId) {
        return read(() -> client.top().pods().inNamespace(namespace).withLabels(Map.of(AgentNames.AGENT_ID, agentId))
                .metrics().getItems().stream()
                .map(p -> new PodUsage(p.getMetadata() == null ? null : p.getMetadata().getName(),
                        sum(p.getContainers().stream().map(c -> c.getUsage()).toList()))).toList());
    }

    @Override
    public List<AgentPod> agentPods(String namespace, String agentId) {
        return read(() -> client.pods().inNamespace(namespace).withLabel(AgentNames.AGENT_ID, agentId).list()
                .getItems().stream().map(KubernetesClusterReads::agentPod).toList());
    }

    @Override
    public String log(String namespace, String pod, String container, boolean previous, Instant since, int tailLines) {
        return read(() -> {
            var timestamps = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .usingTimestamps();
            var chosen = previous ? timestamps.terminated() : timestamps;
            var windowed = since == null ? chosen
                    : chosen.sinceTime(since.truncatedTo(ChronoUnit.SECONDS).toString());
            return windowed.tailingLines(tailLines).getLog();
        });
    }

    private List<PodRequests> ownerNamespacePods(String label, String value) {
        List<PodRequests> pods = new ArrayList<>();
        for (var namespace : client.namespaces().withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER).list()
                .getItems()) {
            var inNamespace = client.pods().inNamespace(namespace.getMetadata().getName());
            for (Pod pod : (label == null ? inNamespace : inNamespace.withLabel(label, value)).list().getItems()) {
                pods.add(podRequests(pod));
            }
        }
        return pods;
    }

    private static PodRequests podRequests(Pod pod) {
        List<Map<String, Quantity>> requests = pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? List.of() : pod.getSpec().getContainers().stream()
                .map(c -> c.getResources() == null ? null : c.getResources().getRequests()).toList();
        return new PodRequests(pod.getMetadata().getName(), pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                sum(requests));
    }

    private static AgentPod agentPod(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        return new AgentPod(pod.getMetadata().getName(), pod.getSpec().getContainers().stream()
                .map(c -> new AgentContainer(c.getName(), statuses.stream()
                        .anyMatch(s -> s.getName().equals(c.getName()) && previousIsAnotherRun(s)))).toList());
    }

    /**
     * Whether the previous container's log holds other lines than the current read: the kubelet answers a plain read
     * of a container that is not running (CrashLoopBackOff waits, or it has just exited without a new id) from the
     * last terminated container, the very one {@code previous=true} reads (its validateContainerLogStatus).
     */
    static boolean previousIsAnotherRun(ContainerStatus status) {
        if (status.getRestartCount() == null || status.getRestartCount() == 0 || status.getState() == null) {
            return false;
        }
        var state = status.getState();
        return state.getRunning() != null || (state.getTerminated() != null
                && state.getTerminated().getContainerID() != null && !state.getTerminated().getContainerID().isEmpty());
    }

    static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Map<String, BigDecimal> amounts(Map<String, Quantity> quantities) {
        return sum(quantities == null ? List.of() : List.of(quantities));
    }

    /** Quantities by resource name, added up (a missing map or quantity adds nothing). */
    private static Map<String, BigDecimal> sum(List<Map<String, Quantity>> quantities) {
        Map<String, BigDecimal> total = new HashMap<>();
        for (Map<String, Quantity> each : quantities) {
            if (each != null) {
                each.forEach((name, q) -> {
                    if (q != null) {
                        total.merge(name, q.getNumericalAmount(), BigDecimal::add);
                    }
                });
            }
        }
        return Map.copyOf(total);
    }

    private static <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException(e.getCode(), e.getMessage(), e.getCause());
        }
    }
}
