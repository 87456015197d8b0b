package io.agentlaunchpad.infra;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.agentlaunchpad.infra.LaunchpadStackTest.CLUSTER_READERS;
import static io.agentlaunchpad.infra.LaunchpadStackTest.env;
import static io.agentlaunchpad.infra.LaunchpadStackTest.props;
import static io.agentlaunchpad.infra.LaunchpadStackTest.resources;
import static io.agentlaunchpad.infra.LaunchpadStackTest.roleId;
import static io.agentlaunchpad.infra.LaunchpadStackTest.roleOf;
import static io.agentlaunchpad.infra.LaunchpadStackTest.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches the EKS cluster, read from the synthesised template: the deployer, and each cluster reader read-only. */
class ClusterAccessTest {

    @Test
    void exactlyTheRoutesThatReadTheClusterRunInEksMode_theOthersTalkToNoCluster() {
        // functions/api: GET status (live health), agent metrics and logs, the health probe, system metrics, and the
        // messages routes (through the service proxy).
        assertThat(CLUSTER_READERS).containsExactlyInAnyOrder("getAgentStatus", "getAgentMetrics", "getAgentLogs",
                "getHealth", "getSystemMetrics", "sendAgentMessage", "listAgentMessages");
        RouteTable.ROUTES.stream().filter(Route::readsCluster).filter(r -> !LaunchpadStack.talksToAgent(r))
                .forEach(r -> assertThat(r.method()).as(r.function()).isEqualTo("GET"));
        Set<String> eksMode = new HashSet<>();
        resources("AWS::Lambda::Function").values().forEach(f -> {
            String export = (String) env(f).get("QUARKUS_FUNQY_EXPORT");
            if ("eks".equals(env(f).get("LAUNCHPAD_CLUSTER_MODE"))) {
                eksMode.add(export);
                assertThat(env(f)).as(export).containsEntry("LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME", "agents");
            } else {
                assertThat(env(f).keySet()).as(export).noneMatch(k -> k.startsWith("LAUNCHPAD_CLUSTER_"));
            }
        });
        Set<String> expected = new HashSet<>(CLUSTER_READERS);
        expected.addAll(Set.of(DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE));
        assertThat(eksMode).isEqualTo(expected);
        assertThat(eksMode).doesNotContain("createAgent", "updateAgent", "deleteAgent", "getAgent", "listAgents",
                "generateKey", "listKeys", "revokeKey", "getUserProfile", "updateUserProfile", Authorizers.EXPORT);
    }

    @Test
    void clusterReadersMayDescribeTheOneClusterAndNothingElseOfEks_statementByStatement() {
        String deployerRole = roleOf(DeployerFunctions.DEPLOY);
        List<Map<String, Object>> deployerEks = statementsOf(deployerRole).stream()
                .filter(s -> s.get("Action").toString().contains("eks:")).toList();
        assertThat(deployerEks).hasSize(1);
        Map<String, Object> describeCluster = deployerEks.get(0);
        assertThat(describeCluster.get("Effect")).isEqualTo("Allow");
        assertThat(describeCluster.get("Action")).isEqualTo("eks:DescribeCluster");
        assertThat(describeCluster.get("Resource").toString()).contains(":eks:").endsWith(":cluster/agents]]}");
        assertThat(describeCluster).containsOnlyKeys("Effect", "Action", "Resource");

        Set<String> readerRoles = new HashSet<>();
        resources("AWS::Lambda::Function").values().forEach(f -> {
            String export = (String) env(f).get("QUARKUS_FUNQY_EXPORT");
            String role = roleId(props(f).get("Role"));
            List<Map<String, Object>> eks = statementsOf(role).stream()
                    .filter(s -> s.toString().contains("eks:")).toList();
            if (CLUSTER_READERS.contains(export)) {
                // The same single statement as the deployer's: one action, the one cluster.
                assertThat(eks).as(export).containsExactly(describeCluster);
                assertThat(role).as(export + " has a role of its own").isNotEqualTo(deployerRole);
                readerRoles.add(role);
            } else if (!role.equals(deployerRole)) {
                assertThat(eks).as(export).isEmpty();
            }
        });
        assertThat(readerRoles).hasSize(CLUSTER_READERS.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void accessEntriesPutTheDeployerInItsGroup_eachClusterReaderInTheReadOnlyGroup_theMessagesRoutesInTheProxyGroup() {
        Map<String, Object> groupsByRole = new java.util.HashMap<>();
        resources("AWS::EKS::AccessEntry").values().forEach(e -> {
            Map<String, Object> p = props(e);
            assertThat(p.get("ClusterName")).isEqualTo("agents");
            assertThat(p.get("Type")).isEqualTo("STANDARD");
            // No EKS access policy (cluster-admin, view, ...): the RBAC in k8s/ is all a group gets.
            assertThat(p).doesNotContainKeys("AccessPolicies", "Username");
            assertThat(groupsByRole.put(roleId(p.get("PrincipalArn")), p.get("KubernetesGroups"))).isNull();
        });
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put(roleOf(DeployerFunctions.DEPLOY), List.of(DeployerFunctions.KUBERNETES_GROUP));
        CLUSTER_READERS.forEach(export -> expected.put(roleOf(export), List.of(
                LaunchpadStack.talksToAgent(RouteTable.byFunction(export)) ? ClusterAccess.MESSENGER_GROUP
                        : ClusterAccess.READER_GROUP)));
        assertThat(expected.values()).contains(List.of(ClusterAccess.MESSENGER_GROUP));
        assertThat(groupsByRole).isEqualTo(expected);
    }
}
