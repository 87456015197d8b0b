package io.agentlaunchpad.api.monitoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentViews;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.cluster.ClusterReadException;
import io.agentlaunchpad.cluster.ClusterReads;
import io.agentlaunchpad.cluster.ClusterReads.DeploymentLimits;
import io.agentlaunchpad.cluster.ClusterReads.PodUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * {@code GET /api/agents/{agentId}/metrics}: CPU (cores) and memory (bytes) used, summed over the agent's pods from
 * {@code metrics.k8s.io}; limits are the Deployment's container limits times its replicas; network and requests
 * from the {@link MetricsSource}, with its {@code source} named.
 */
@ApplicationScoped
public class AgentMetricsService {

    private static final io.agentlaunchpad.logging.JsonLog LOG = io.agentlaunchpad.logging.JsonLog.of("metrics");

    @RegisterForReflection
    public record Usage(Number usage, Number limit, Double percentage) {
    }

    @RegisterForReflection
    public record Network(String source, String reason, Long bytesIn, Long bytesOut) {
    }

    @RegisterForReflection
    public record Requests(String source, String reason, Long total, Long success, Long errors, Double rate) {
    }

    @RegisterForReflection
    public record Figures(Usage cpu, Usage memory, Network network, Requests requests, int pods) {
    }

    @RegisterForReflection
    public record Metrics(String agentId, Figures metrics, String timestamp) {
    }

    private final AgentService agents;
    private final ClusterReads cluster;
    private final MetricsSource source;
    private final MonitoringConfig config;
    private final Clock clock;

    @Inject
    public AgentMetricsService(AgentService agents, ClusterReads cluster, MetricsSource source,
                               MonitoringConfig config, Clock clock) {
        this.agents = agents;
        this.cluster = cluster;
        this.source = source;
        this.config = config;
        this.clock = clock;
    }

    public Metrics metrics(Principal caller, String agentId) {
        AgentViews.Detail agent = agents.get(caller, agentId);
        String namespace = AgentNames.namespace(config.namespacePrefix(), agent.owner());
        DeploymentLimits deployment;
        List<PodUsage> pods;
        try {
            deployment = cluster.deployment(namespace, agentId).orElseThrow(() -> new ApiException(ErrorCode.CONFLICT,
                    "Agent '" + agentId + "' is not deployed (status " + agent.status() + "): it has no metrics"));
            if (Integer.valueOf(0).equals(deployment.replicas())) {
                // no pod will ever be measured: "retry in a minute" would be a lie
                throw new ApiException(ErrorCode.CONFLICT, "Agent '" + agentId + "' is stopped (0 replicas): it has"
                        + " no metrics until it is scaled up");
            }
            pods = cluster.podUsage(namespace, agentId);
        } catch (ClusterReadException e) {
            if (e.code() == 404) {
                throw notYet(agentId, "the cluster's metrics API (metrics.k8s.io) has none");
            }
            LOG.warn("cluster read failed", Map.of("agentId", agentId, "kubernetesStatus", e.code(),
                    "error", String.valueOf(e.getMessage()), "cause", String.valueOf(e.getCause())));
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster did not answer; retry shortly");
        }
        if (pods.isEmpty()) {
            throw notYet(agentId, "no pod has been measured yet");
        }
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (PodUsage pod : pods) {
            cpu = cpu.add(pod.usage().getOrDefault("cpu", BigDecimal.ZERO));
            memory = memory.add(pod.usage().getOrDefault("memory", BigDecimal.ZERO));
        }
        int replicas = deployment.replicas() == null ? 1 : deployment.replicas();
        BigDecimal cpuLimit = limit(deployment, "cpu", replicas);
        BigDecimal memoryLimit = limit(deployment, "memory", replicas);
        MetricsSource.Traffic traffic = source.traffic(namespace, agentId);
        Figures figures = new Figures(
                usage(cpu, cpuLimit, 3),
                usage(memory, memoryLimit, 0),
                new Network(traffic.source(), traffic.reason(), whole(traffic.bytesIn()), whole(traffic.bytesOut())),
                new Requests(traffic.source(), traffic.reason(), whole(traffic.requestsTotal()),
                        whole(traffic.requestsSuccess()), whole(traffic.requestsErrors()),
                        traffic.requestRate() == null ? null : round(traffic.requestRate(), 2)),
                pods.size());
        return new Metrics(agentId, figures, timestamp(clock.instant()));
    }

    private static ApiException notYet(String agentId, String why) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Metrics of agent '" + agentId
                + "' are not available yet (" + why + "); retry in a minute");
    }

    /** The template's container limits times the replicas; null when a container has no such limit. */
    private static BigDecimal limit(DeploymentLimits deployment, String name, int replicas) {
        BigDecimal perPod = BigDecimal.ZERO;
        for (Map<String, BigDecimal> limits : deployment.containerLimits()) {
            if (limits.get(name) == null) {
                return null;
            }
            perPod = perPod.add(limits.get(name));
        }
        return perPod.multiply(BigDecimal.valueOf(replicas));
    }

    private static Usage usage(BigDecimal used, BigDecimal limit, int scale) {
        Double percentage = limit == null || limit.signum() == 0 ? null
                : round(used.multiply(BigDecimal.valueOf(100)).divide(limit, 6, RoundingMode.HALF_UP).doubleValue(), 1);
        return new Usage(amount(used, scale), limit == null ? null : amount(limit, scale), percentage);
    }

    /** Bytes are whole numbers and are written as integers (as the API reference shows them); cores keep decimals. */
    private static Number amount(BigDecimal value, int scale) {
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        return scale == 0 ? (Number) rounded.longValue() : (Number) rounded.doubleValue();
    }

    private static Long whole(Double value) {
        return value == null ? null : Math.round(value);
    }

    private static double round(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }
}
