package io.agentlaunchpad.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

import java.util.Map;

/**
 * Default deny for the owner's pods: ingress only from the ingress controller's namespace to the agent port;
 * egress anywhere (agents talk to Discord, Telegram, model APIs) except the cloud metadata endpoint.
 */
final class OwnerNetworkPolicy {

    static final String NAME = "agent-launchpad-default-deny";

    private OwnerNetworkPolicy() {
    }

    static NetworkPolicy desired(String namespace, String owner, String ingressNamespace) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(AgentNames.ownerLabels(owner))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .addNewFrom().withNewNamespaceSelector()
                .withMatchLabels(Map.of("kubernetes.io/metadata.name", ingressNamespace))
                .endNamespaceSelector().endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(AgentNames.PORT)).endPort()
                .endIngress()
                .addNewEgress()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept("169.254.169.254/32").endIpBlock().endTo()
                .endEgress()
                .endSpec().build();
    }
}
