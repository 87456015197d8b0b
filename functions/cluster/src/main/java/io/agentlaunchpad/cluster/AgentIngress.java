package io.agentlaunchpad.cluster;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

/** {@code https://<agentId>.<agents domain>}: the {@code url} the API shows. */
final class AgentIngress {

    private AgentIngress() {
    }

    static Ingress desired(AgentWorkload w, ClusterConfig.Ingress config) {
        String agentId = w.agent().agentId();
        IngressTLSBuilder tls = new IngressTLSBuilder().withHosts(w.host());
        config.tlsSecret().ifPresent(tls::withSecretName);
        return new IngressBuilder()
                .withNewMetadata().withName(agentId).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), agentId)).endMetadata()
                .withNewSpec().withIngressClassName(config.className())
                .withTls(tls.build())
                .addNewRule().withHost(w.host()).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(agentId).withNewPort().withName("http").endPort()
                .endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build();
    }
}
