package io.agentlaunchpad.infra;

import io.agentlaunchpad.http.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.agentlaunchpad.infra.SamTemplateFile.export;
import static io.agentlaunchpad.infra.SamTemplateFile.generatedRoles;
import static io.agentlaunchpad.infra.SamTemplateFile.map;
import static io.agentlaunchpad.infra.SamTemplateFile.samOfType;
import static org.assertj.core.api.Assertions.assertThat;

/** In {@code template.yaml}, the functions that reach the EKS cluster, their roles and access entries, as in the stack. */
class SamClusterAccessTest {

    @Test
    @SuppressWarnings("unchecked")
    void exactlyTheStacksFunctionsReachTheCluster_theReadersReadOnlyWithTheirOwnRoles() {
        var functions = samOfType("AWS::Serverless::Function");
        Set<String> cdkEks = LaunchpadStackTest.resources("AWS::Lambda::Function").values().stream()
                .map(LaunchpadStackTest::env).filter(e -> "eks".equals(e.get("LAUNCHPAD_CLUSTER_MODE")))
                .map(e -> (String) e.get("QUARKUS_FUNQY_EXPORT")).collect(Collectors.toSet());
        Map<String, String> samEks = new HashMap<>(); // export -> logical id
        functions.forEach((id, f) -> {
            Map<String, Object> env = map(f, "Properties", "Environment", "Variables");
            if ("eks".equals(env.get("LAUNCHPAD_CLUSTER_MODE"))) {
                samEks.put(export(f), id);
                assertThat(env.get("LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME")).as(id).isEqualTo(Map.of("Ref", "EksClusterName"));
            } else {
                assertThat(env.keySet()).as(id).noneMatch(k -> k.startsWith("LAUNCHPAD_CLUSTER_"));
            }
        });
        assertThat(samEks.keySet()).isEqualTo(cdkEks);

        Map<String, Object> describeCluster = Map.of("Effect", "Allow", "Action", "eks:DescribeCluster", "Resource",
                Map.of("Fn::Sub", "arn:${AWS::Partition}:eks:${AWS::Region}:${AWS::AccountId}:cluster/${EksClusterName}"));
        Map<String, Object> expectedEntries = new HashMap<>(); // principal role -> groups
        expectedEntries.put("DeployerRole", List.of(DeployerFunctions.KUBERNETES_GROUP));
        functions.forEach((id, f) -> {
            String export = export(f);
            Map<String, Object> properties = map(f, "Properties");
            List<Object> policies = (List<Object>) properties.getOrDefault("Policies", List.of());
            List<Object> eks = policies.stream().filter(p -> p.toString().contains("eks:")).toList();
            if (LaunchpadStackTest.CLUSTER_READERS.contains(export)) {
                // Its own generated role (as every route's), one statement: DescribeCluster on the one cluster.
                assertThat(properties).as(id).doesNotContainKey("Role");
                assertThat(eks).as(id).containsExactly(Map.of("Statement", List.of(describeCluster)));
                expectedEntries.put(id + "Role", List.of(LaunchpadStack.talksToAgent(RouteTable.byFunction(export))
                        ? ClusterAccess.MESSENGER_GROUP : ClusterAccess.READER_GROUP));
            } else {
                assertThat(eks).as(id).isEmpty();
            }
        });
        assertThat(generatedRoles()).containsExactlyInAnyOrderElementsOf(LaunchpadStackTest.CLUSTER_READERS.stream()
                .map(samEks::get).toList());

        Map<String, Object> entries = new HashMap<>();
        samOfType("AWS::EKS::AccessEntry").forEach((id, e) -> {
            Map<String, Object> p = map(e, "Properties");
            assertThat(p.get("ClusterName")).as(id).isEqualTo(Map.of("Ref", "EksClusterName"));
            assertThat(p.get("Type")).as(id).isEqualTo("STANDARD");
            assertThat(p).as(id).doesNotContainKeys("AccessPolicies", "Username");
            Object getAtt = map(p, "PrincipalArn").get("Fn::GetAtt"); // [Role, Arn] or "Role.Arn"
            String role = getAtt instanceof List<?> l ? (String) l.get(0) : getAtt.toString().replaceAll("\\.Arn$", "");
            assertThat(entries.put(role, p.get("KubernetesGroups"))).as(id).isNull();
        });
        assertThat(entries).isEqualTo(expectedEntries);
    }
}
