package io.agentlaunchpad.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RBAC the stack's access entries rely on: the groups the entries name are the groups the YAML binds, and the
 * read-only group of the cluster-reading routes may read exactly the kinds those routes read.
 */
class ClusterRbacTest {

    static final Path K8S = Path.of("k8s").toAbsolutePath().normalize();
    static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    /** apiGroup/resource the API routes read: pods, their logs, deployments, nodes and PodMetrics. */
    static final Set<String> READER_RESOURCES = Set.of("/pods", "/pods/log", "/nodes", "apps/deployments",
            "metrics.k8s.io/pods");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(K8S.resolve(file))) {
            for (Object document : new Yaml().loadAll(reader)) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String key) {
        return (Map<String, Object>) ((Map<String, Object>) value).get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String key) {
        return (List<Object>) ((Map<String, Object>) value).get(key);
    }

    static Map<String, Object> only(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    /** The ClusterRole and its binding to exactly one subject: the Kubernetes group {@code group}. */
    static Map<String, Object> clusterRoleBoundTo(String file, String group) throws IOException {
        List<Map<String, Object>> documents = documents(file);
        assertThat(documents).extracting(d -> d.get("kind")).containsExactlyInAnyOrder("ClusterRole", "ClusterRoleBinding");
        Map<String, Object> role = only(documents, "ClusterRole");
        Map<String, Object> binding = only(documents, "ClusterRoleBinding");
        assertThat(role.get("apiVersion")).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.get("apiVersion")).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(role).doesNotContainKey("aggregationRule");
        assertThat(map(binding, "roleRef")).isEqualTo(Map.of("apiGroup", "rbac.authorization.k8s.io",
                "kind", "ClusterRole", "name", map(role, "metadata").get("name")));
        assertThat(list(binding, "subjects")).containsExactly(Map.of("apiGroup", "rbac.authorization.k8s.io",
                "kind", "Group", "name", group));
        return role;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReaderGroupMayOnlyGetListAndWatchWhatTheRoutesRead() throws IOException {
        Map<String, Object> role = clusterRoleBoundTo("reader-rbac.yaml", ClusterAccess.READER_GROUP);
        Set<String> granted = new HashSet<>();
        for (Object rule : list(role, "rules")) {
            Map<String, Object> r = (Map<String, Object>) rule;
            // No nonResourceURLs, no resourceNames games: groups, resources, verbs.
            assertThat(r.keySet()).as(r.toString()).containsExactlyInAnyOrder("apiGroups", "resources", "verbs");
            assertThat((List<String>) r.get("verbs")).as(r.toString()).isNotEmpty().allMatch(READ_VERBS::contains);
            for (String group : (List<String>) r.get("apiGroups")) {
                for (String resource : (List<String>) r.get("resources")) {
                    granted.add(group + "/" + resource);
                }
            }
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(READER_RESOURCES)
                .noneMatch(g -> g.contains("*") || g.contains("secrets") || g.contains("configmaps"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMessengerGroupMayOnlyUseTheServiceProxy_getForReadsCreateForMessages() throws IOException {
        Map<String, Object> role = clusterRoleBoundTo("messenger-rbac.yaml", ClusterAccess.MESSENGER_GROUP);
        assertThat(list(role, "rules")).containsExactly(Map.of("apiGroups", List.of(""),
                "resources", List.of("services/proxy"), "verbs", List.of("get", "create")));
    }

    @Test
    void theDeployerGroupIsTheOneItsAccessEntryNames() throws IOException {
        clusterRoleBoundTo("deployer-rbac.yaml", DeployerFunctions.KUBERNETES_GROUP);
        assertThat(List.of(ClusterAccess.READER_GROUP, ClusterAccess.MESSENGER_GROUP, DeployerFunctions.KUBERNETES_GROUP))
                .doesNotHaveDuplicates();
    }
}
