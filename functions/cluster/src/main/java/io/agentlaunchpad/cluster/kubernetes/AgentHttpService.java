package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The agent's ClusterIP Service, port 80 to the pods' {@code http} port. */
final class AgentHttpService {

    private AgentHttpService() {
    }

    static Service desired(AgentWorkload w) {
        String agentId = w.agent().agentId();
        return new ServiceBuilder()
                .withNewMetadata().withName(agentId).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), agentId)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(AgentNames.selector(agentId))
                .addNewPort().withName("http").withProtocol("TCP").withPort(80)
                .withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }
}
