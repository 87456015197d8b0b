package io.agentlaunchpad.api.monitoring;

import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.ClusterReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubernetes}: the API server answers; {@code nodes} counts every node, {@code readyNodes} the Ready ones,
 * {@code pods} the platform's own (label {@code app.kubernetes.io/managed-by=agent-launchpad}, counted in the
 * managed owner namespaces: the reader may not list pods anywhere else). No Ready node is
 * DEGRADED: nothing new can start.
 */
@ApplicationScoped
public class KubernetesProbe implements ComponentProbe {

    private final ClusterReads cluster;
    private final String mode;
    private final String agentRuntime;

    @Inject
    public KubernetesProbe(ClusterReads cluster, ClusterConfig config) {
        this(cluster, config.mode(), null);
    }

    /**
     * @param mode         how the cluster is reached: {@code eks}, {@code kubeconfig}, or {@code simulated} (local)
     * @param agentRuntime on the local platform's simulated cluster, how its pods run: {@code real} (processes) or
     *                     {@code simulated}; null elsewhere (reported only when set)
     */
    public KubernetesProbe(ClusterReads cluster, String mode, String agentRuntime) {
        this.cluster = cluster;
        this.mode = mode;
        this.agentRuntime = agentRuntime;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Result probe() {
        List<ClusterReads.NodeCapacity> nodes = cluster.nodes();
        long ready = nodes.stream().filter(ClusterReads.NodeCapacity::ready).count();
        int pods = cluster.platformPods().size();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mode", mode);
        if (agentRuntime != null) {
            fields.put("agentRuntime", agentRuntime);
        }
        fields.put("nodes", nodes.size());
        fields.put("readyNodes", ready);
        fields.put("pods", pods);
        return new Result(ready > 0 ? HealthService.HEALTHY : HealthService.DEGRADED, fields);
    }
}
