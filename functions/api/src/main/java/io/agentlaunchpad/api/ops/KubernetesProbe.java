package io.agentlaunchpad.api.ops;

import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.HealthService;
import io.fabric8.kubernetes.api.model.Node;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "agent-launchpad";

    private final KubernetesClient client;
    private final String mode;
    private final String agentRuntime;

    @Inject
    public KubernetesProbe(KubernetesClient client, ClusterConfig config) {
        this(client, config.mode());
    }

    /** @param mode how the cluster is reached: {@code eks}, {@code kubeconfig}, or {@code simulated} (local platform) */
    public KubernetesProbe(KubernetesClient client, String mode) {
        this(client, mode, null);
    }

    /**
     * @param agentRuntime on the local platform's simulated cluster, how its pods run: {@code real} (processes) or
     *                     {@code simulated}; null elsewhere (reported only when set)
     */
    public KubernetesProbe(KubernetesClient client, String mode, String agentRuntime) {
        this.client = client;
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
        List<Node> nodes = client.nodes().list().getItems();
        long ready = nodes.stream().filter(KubernetesProbe::ready).count();
        int pods = OwnerNamespaces.pods(client, MANAGED_BY, MANAGER).size();
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

    static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
