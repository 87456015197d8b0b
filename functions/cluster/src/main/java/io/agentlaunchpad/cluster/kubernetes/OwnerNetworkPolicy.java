package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Default deny for the owner's pods (docs/agent-exposure.md). Ingress: the agent port, from the ingress controller's
 * namespace and from the API server's addresses (its service proxy carries the platform's messages), nothing else.
 * Egress: the public internet (Discord, Telegram, model APIs) but no private, shared (CGNAT) or link-local range,
 * IPv4 or IPv6 - so no node, kubelet, API server, other tenant, cloud metadata or EKS Pod Identity endpoint - and
 * DNS to kube-dns only; the operator's own private ranges when configured.
 */
final class OwnerNetworkPolicy {

    static final String NAME = "agent-launchpad-default-deny";
    static final List<String> CLOSED_IPV4 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16");
    static final List<String> CLOSED_IPV6 = List.of("fc00::/7", "fe80::/10");
    static final String DNS_NAMESPACE = "kube-system";
    static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

    private OwnerNetworkPolicy() {
    }

    static NetworkPolicy desired(String namespace, String owner, ClusterConfig config) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(AgentNames.ownerLabels(owner))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress(config))
                .withEgress(egress(config))
                .endSpec().build();
    }

    private static List<NetworkPolicyIngressRule> ingress(ClusterConfig config) {
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .withMatchLabels(Map.of("kubernetes.io/metadata.name", config.ingress().controllerNamespace()))
                .endNamespaceSelector().build());
        config.apiServerCidrs().orElse(List.of()).forEach(cidr ->
                from.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()));
        return List.of(new NetworkPolicyIngressRuleBuilder().withFrom(from)
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(AgentNames.PORT)).endPort().build());
    }

    private static List<NetworkPolicyEgressRule> egress(ClusterConfig config) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        rules.add(new NetworkPolicyEgressRuleBuilder()
                .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(CLOSED_IPV4).endIpBlock().endTo()
                .addNewTo().withNewIpBlock().withCidr("::/0").withExcept(CLOSED_IPV6).endIpBlock().endTo()
                .build());
        rules.add(new NetworkPolicyEgressRuleBuilder()
                .addNewTo()
                .withNewNamespaceSelector().withMatchLabels(Map.of("kubernetes.io/metadata.name", DNS_NAMESPACE))
                .endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(DNS_PODS).endPodSelector()
                .endTo()
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                .build());
        List<String> privateRanges = config.egress().allowedPrivateCidrs().orElse(List.of());
        if (!privateRanges.isEmpty()) {
            NetworkPolicyEgressRuleBuilder opened = new NetworkPolicyEgressRuleBuilder();
            privateRanges.forEach(cidr -> opened.addNewTo().withNewIpBlock().withCidr(cidr).endIpBlock().endTo());
            rules.add(opened.build());
        }
        return rules;
    }
}
