package io.agentlaunchpad.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches an agent and what an agent reaches (docs/agent-exposure.md), rule by rule. */
class AgentExposureTest {

    @Test
    void theAgentUrlRoutesOnlyTheTwoHealthProbesExactly() {
        Ingress ingress = AgentIngress.desired(Settings.workload("1Gi"), Settings.defaults().ingress());

        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(paths).extracting(HTTPIngressPath::getPath).containsExactlyInAnyOrder("/health", "/healthz");
        assertThat(paths).allSatisfy(p -> {
            assertThat(p.getPathType()).isEqualTo("Exact");
            assertThat(p.getBackend().getService().getName()).isEqualTo("agent-abc123def456");
            assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
        });
        assertThat(ingress.getSpec().getDefaultBackend()).isNull();
        assertThat(ingress.getSpec().getRules()).singleElement()
                .satisfies(r -> assertThat(r.getHost()).isEqualTo("agent-abc123def456.agents.example.com"));
    }

    @Test
    void onlyTheIngressControllerReachesTheAgentPort_byDefault() {
        NetworkPolicy policy = OwnerNetworkPolicy.desired("agents-user-1", "user-1", Settings.defaults());

        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
                assertThat(peer.getPodSelector()).isNull();
                assertThat(peer.getIpBlock()).isNull();
            });
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getProtocol()).isEqualTo("TCP");
                assertThat(port.getPort().getIntVal()).isEqualTo(3000);
            });
        });
    }

    @Test
    void theApiServersConfiguredRangesReachTheAgentPortToo() {
        NetworkPolicy policy = OwnerNetworkPolicy.desired("agents-user-1", "user-1", Settings.cluster(Map.of(
                "launchpad.cluster.api-server-cidrs", "10.0.0.0/24,10.0.1.0/24",
                "launchpad.cluster.ingress.controller-namespace", "ingress")));

        List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(3);
        assertThat(from.get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name",
                "ingress");
        assertThat(from.subList(1, 3)).extracting(p -> p.getIpBlock().getCidr())
                .containsExactly("10.0.0.0/24", "10.0.1.0/24");
        assertThat(from.subList(1, 3)).allSatisfy(p -> assertThat(p.getIpBlock().getExcept()).isNullOrEmpty());
        assertThat(policy.getSpec().getIngress().get(0).getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(3000));
    }

    @Test
    void egressIsThePublicInternetWithoutAnyPrivateSharedOrLinkLocalRange() {
        List<NetworkPolicyEgressRule> egress = OwnerNetworkPolicy.desired("agents-user-1", "user-1",
                Settings.defaults()).getSpec().getEgress();

        assertThat(egress).hasSize(2);
        NetworkPolicyEgressRule internet = egress.get(0);
        assertThat(internet.getPorts()).isNullOrEmpty();
        assertThat(internet.getTo()).hasSize(2);
        assertThat(internet.getTo()).allSatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector()).isNull();
        });
        assertThat(internet.getTo().get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(internet.getTo().get(0).getIpBlock().getExcept()).containsExactlyInAnyOrder("10.0.0.0/8",
                "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
        assertThat(internet.getTo().get(1).getIpBlock().getCidr()).isEqualTo("::/0");
        assertThat(internet.getTo().get(1).getIpBlock().getExcept()).containsExactlyInAnyOrder("fc00::/7",
                "fe80::/10");
    }

    @Test
    void dnsGoesOnlyToKubeDnsInKubeSystem_onPort53() {
        NetworkPolicyEgressRule dns = OwnerNetworkPolicy.desired("agents-user-1", "user-1", Settings.defaults())
                .getSpec().getEgress().get(1);

        assertThat(dns.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
            assertThat(peer.getIpBlock()).isNull();
        });
        assertThat(dns.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53");
    }

    @Test
    void anOperatorOpensAPrivateEndpointByConfiguration() {
        List<NetworkPolicyEgressRule> egress = OwnerNetworkPolicy.desired("agents-user-1", "user-1",
                Settings.cluster(Map.of("launchpad.cluster.egress.allowed-private-cidrs", "10.20.0.5/32"))).getSpec()
                .getEgress();

        assertThat(egress).hasSize(3);
        assertThat(egress.get(2).getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.20.0.5/32");
            assertThat(peer.getIpBlock().getExcept()).isNullOrEmpty();
        });
        assertThat(egress.get(0).getTo().get(0).getIpBlock().getExcept()).contains("10.0.0.0/8");
    }
}
