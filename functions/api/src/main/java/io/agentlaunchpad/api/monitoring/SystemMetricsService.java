package io.agentlaunchpad.api.monitoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.cluster.ClusterReadException;
import io.agentlaunchpad.cluster.ClusterReads;
import io.agentlaunchpad.cluster.ClusterReads.NodeCapacity;
import io.agentlaunchpad.cluster.ClusterReads.PodRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

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
    private final ClusterReads cluster;
    private final Clock clock;

    @Inject
    public SystemMetricsService(DeploymentCounters counters, ClusterReads cluster, Clock clock) {
        this.counters = counters;
        this.cluster = cluster;
        this.clock = clock;
    }

    public SystemMetrics metrics() {
        DeploymentCounters.Totals t = counters.totals();
        long finished = t.successfulDeployments() + t.failedDeployments();
        double rate = finished == 0 ? 0.0 : round(100.0 * t.successfulDeployments() / finished);
        Figures figures = new Figures(t.totalAgents(), t.runningAgents(), t.failedAgents(),
                new Deployments(t.successfulDeployments(), t.failedDeployments(), rate));
        List<NodeCapacity> nodes;
        List<PodRequests> pods;
        try {
            nodes = cluster.nodes();
            pods = cluster.ownerNamespacePods();
        } catch (ClusterReadException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster did not answer; retry shortly");
        }
        List<PodRequests> active = pods.stream()
                .filter(p -> p.phase() == null || !List.of("Succeeded", "Failed").contains(p.phase())).toList();
        return new SystemMetrics(figures, new Resources(resource(nodes, active, "cpu"),
                resource(nodes, active, "memory"), resource(nodes, active, "ephemeral-storage")),
                timestamp(clock.instant()));
    }

    private static Resource resource(List<NodeCapacity> nodes, List<PodRequests> pods, String name) {
        BigDecimal total = nodes.stream().map(n -> n.allocatable().getOrDefault(name, BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal used = pods.stream().map(p -> p.requests().getOrDefault(name, BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
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
