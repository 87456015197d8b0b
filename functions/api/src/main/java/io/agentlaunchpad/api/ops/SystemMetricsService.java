package io.agentlaunchpad.api.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * {@code GET /api/system/metrics}: agent and deployment figures from the deployment counters (kept on every status
 * transition), resources as the cluster's allocatable (sum over nodes) against what the agents' pods request (sum
 * over containers of unfinished pods in the managed owner namespaces: the reader may not read other namespaces' pods). Storage is ephemeral storage. The cluster unreachable is a 503.
 */
@ApplicationScoped
public class SystemMetricsService {

    @RegisterForReflection
    public record Figures(long totalAgents, long runningAgents, long failedAgents, Deployments deployments) {
    }

    @RegisterForReflection
    public record Deployments(long successful, long failed, double successRate) {
    }

    @RegisterForReflection
    public record Resource(Number total, Number used, double percentage) {
    }

    @RegisterForReflection
    public record Resources(Resource cpu, Resource memory, Resource storage) {
    }

    @RegisterForReflection
    public record SystemMetrics(Figures system, Resources resources, String timestamp) {
    }

    private final DeploymentCounters counters;
    private final KubernetesClient client;
    private final Clock clock;

    @Inject
    public SystemMetricsService(DeploymentCounters counters, KubernetesClient client, Clock clock) {
        this.counters = counters;
        this.client = client;
        this.clock = clock;
    }

    public SystemMetrics metrics() {
        DeploymentCounters.Totals t = counters.totals();
        long finished = t.successfulDeployments() + t.failedDeployments();
        double rate = finished == 0 ? 0.0 : round(100.0 * t.successfulDeployments() / finished);
        Figures figures = new Figures(t.totalAgents(), t.runningAgents(), t.failedAgents(),
                new Deployments(t.successfulDeployments(), t.failedDeployments(), rate));
        List<Node> nodes;
        List<Pod> pods;
        try {
            nodes = client.nodes().list().getItems();
            pods = OwnerNamespaces.pods(client, null, null);
        } catch (KubernetesClientException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster did not answer; retry shortly");
        }
        List<Pod> active = pods.stream().filter(p -> p.getStatus() == null
                || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase())).toList();
        return new SystemMetrics(figures, new Resources(resource(nodes, active, "cpu"),
                resource(nodes, active, "memory"), resource(nodes, active, "ephemeral-storage")),
                timestamp(clock.instant()));
    }

    private static Resource resource(List<Node> nodes, List<Pod> pods, String name) {
        BigDecimal total = BigDecimal.ZERO;
        for (Node node : nodes) {
            Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
            if (allocatable != null && allocatable.get(name) != null) {
                total = total.add(allocatable.get(name).getNumericalAmount());
            }
        }
        BigDecimal used = BigDecimal.ZERO;
        for (Pod pod : pods) {
            if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
                continue;
            }
            for (var container : pod.getSpec().getContainers()) {
                var resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                if (requests != null && requests.get(name) != null) {
                    used = used.add(requests.get(name).getNumericalAmount());
                }
            }
        }
        double percentage = total.signum() == 0 ? 0.0
                : round(used.multiply(BigDecimal.valueOf(100)).divide(total, 6, RoundingMode.HALF_UP).doubleValue());
        boolean whole = !name.equals("cpu");
        // Bytes are whole numbers, written as integers as the API reference shows them; cores keep decimals.
        return new Resource(whole ? (Number) total.setScale(0, RoundingMode.HALF_UP).longValue()
                : (Number) round(total.doubleValue()),
                whole ? (Number) used.setScale(0, RoundingMode.HALF_UP).longValue() : (Number) round(used.doubleValue()),
                percentage);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
