package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

import java.util.List;

/**
 * {@code https://<agentId>.<agents domain>}: the {@code url} the API shows. It routes only ElizaOS's two probes,
 * {@code /health} and {@code /healthz}, exactly: everything else of the agent (its {@code /api}, which reads and
 * rewrites its environment, and the web UI) stays inside the cluster, and the platform reaches it through the API
 * server with the agent's token (docs/agent-exposure.md).
 */
final class AgentIngress {

    /** The only paths the agent URL serves; ElizaOS answers both without a token. */
    static final List<String> PUBLIC_PATHS = List.of("/health", "/healthz");

    private AgentIngress() {
    }

    static Ingress desired(AgentWorkload w, ClusterConfig.Ingress config) {
        String agentId = w.agent().agentId();
        IngressTLSBuilder tls = new IngressTLSBuilder().withHosts(w.host());
        config.tlsSecret().ifPresent(tls::withSecretName);
        List<HTTPIngressPath> paths = PUBLIC_PATHS.stream().map(path -> new HTTPIngressPathBuilder()
                .withPath(path).withPathType("Exact")
                .withNewBackend().withNewService().withName(agentId).withNewPort().withName("http").endPort()
                .endService().endBackend().build()).toList();
        return new IngressBuilder()
                .withNewMetadata().withName(agentId).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), agentId)).endMetadata()
                .withNewSpec().withIngressClassName(config.className())
                .withTls(tls.build())
                .addNewRule().withHost(w.host()).withNewHttp().withPaths(paths).endHttp().endRule()
                .endSpec().build();
    }
}
