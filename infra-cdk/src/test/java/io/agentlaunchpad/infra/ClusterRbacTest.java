package io.agentlaunchpad.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RBAC the stack's access entries rely on: the groups the entries name are the groups the YAML binds, the
 * read-only group of the cluster-reading routes may read exactly the kinds those routes read, and only the messages
 * routes' group reaches the service proxy, and only inside owner namespaces.
 */
class ClusterRbacTest {

    static final Path K8S = Path.of("k8s").toAbsolutePath().normalize();
    static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    /** Bound to {@link ClusterAccess#MESSENGER_GROUP} by the deployer inside each owner namespace, nowhere else. */
    static final String MESSENGER_ROLE = "agent-launchpad-messenger-namespaced";

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

    /** The ClusterRole bound cluster-wide to exactly one subject, the Kubernetes group {@code group}. */
    static Map<String, Object> clusterRoleBoundTo(List<Map<String, Object>> documents, String group) {
        Map<String, Object> binding = only(documents, "ClusterRoleBinding");
        String roleName = (String) map(binding, "roleRef").get("name");
        Map<String, Object> role = clusterRole(documents, roleName);
        assertThat(binding.get("apiVersion")).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(map(binding, "roleRef")).isEqualTo(Map.of("apiGroup", "rbac.authorization.k8s.io",
                "kind", "ClusterRole", "name", roleName));
        assertThat(list(binding, "subjects")).containsExactly(Map.of("apiGroup", "rbac.authorization.k8s.io",
                "kind", "Group", "name", group));
        return role;
    }

    static Map<String, Object> clusterRole(List<Map<String, Object>> documents, String name) {
        List<Map<String, Object>> found = documents.stream().filter(d -> "ClusterRole".equals(d.get("kind")))
                .filter(d -> name.equals(map(d, "metadata").get("name"))).toList();
        assertThat(found).as(name).hasSize(1);
        assertThat(found.get(0).get("apiVersion")).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(found.get(0)).doesNotContainKey("aggregationRule");
        return found.get(0);
    }

    /** Every rule as {@code group/resource[@name]} -> verbs; a rule with anything but groups, resources, verbs and
     * resource names fails, and so does a wildcard anywhere. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> grants(Map<String, Object> role) {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (Object rule : list(role, "rules")) {
            Map<String, Object> r = (Map<String, Object>) rule;
            assertThat(Set.of("apiGroups", "resources", "verbs", "resourceNames")).as(r.toString())
                    .containsAll(r.keySet());
            List<String> names = r.containsKey("resourceNames") ? (List<String>) r.get("resourceNames") : List.of("");
            for (String group : (List<String>) r.get("apiGroups")) {
                for (String resource : (List<String>) r.get("resources")) {
                    for (String name : names) {
                        String key = group + "/" + resource + (name.isEmpty() ? "" : "@" + name);
                        granted.computeIfAbsent(key, k -> new TreeSet<>()).addAll((List<String>) r.get("verbs"));
                    }
                }
            }
        }
        assertThat(granted.toString()).doesNotContain("*");
        return granted;
    }

    /** Written by server-side apply only (a PATCH, authorised as create too when it creates): no update. */
    static final Set<String> APPLIED = Set.of("create", "patch");
    /** An owner object: applied, and read once a drift sweep (DriftRepair compares it with what it should be). */
    static final Set<String> APPLIED_AND_READ = Set.of("get", "create", "patch");
    /** An agent's objects: applied, listed by label (a drift sweep, a delete) and deleted; never read one by one. */
    static final Set<String> OBJECTS = Set.of("list", "create", "patch", "delete");

    @Test
    void theReaderGroupReadsNodesAndNamespacesClusterWideAndEverythingElseOnlyInOwnerNamespaces() throws IOException {
        List<Map<String, Object>> documents = documents("reader-rbac.yaml");
        assertThat(documents).extracting(d -> d.get("kind"))
                .containsExactlyInAnyOrder("ClusterRole", "ClusterRoleBinding", "ClusterRole");
        Map<String, Object> clusterWide = clusterRoleBoundTo(documents, ClusterAccess.READER_GROUP);
        assertThat(grants(clusterWide)).isEqualTo(Map.of(
                "/nodes", Set.of("get", "list", "watch"),
                "/namespaces", Set.of("get", "list")));
        Map<String, Object> namespaced = clusterRole(documents, "agent-launchpad-reader-namespaced");
        assertThat(grants(namespaced)).isEqualTo(Map.of(
                "/pods", READ_VERBS,
                "/pods/log", Set.of("get"),
                "apps/deployments", READ_VERBS,
                "metrics.k8s.io/pods", READ_VERBS));
        // No service proxy: reaching an agent (sending it a message) is the messenger group's alone.
        assertThat(documents.toString()).doesNotContain("services/proxy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMessengerGroupMayOnlyUseTheServiceProxy_getForReadsCreateForMessages_onlyInOwnerNamespaces()
            throws IOException {
        List<Map<String, Object>> documents = documents("messenger-rbac.yaml");
        // No ClusterRoleBinding (nor any binding): the deployer binds the role per owner namespace (OwnerRoleBinding).
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("ClusterRole");
        Map<String, Object> role = clusterRole(documents, MESSENGER_ROLE);
        assertThat(list(role, "rules")).containsExactly(Map.of("apiGroups", List.of(""),
                "resources", List.of("services/proxy"), "verbs", List.of("get", "create")));
        for (String file : List.of("deployer-rbac.yaml", "reader-rbac.yaml")) {
            assertThat(documents(file)).as(file).filteredOn(d -> "ClusterRoleBinding".equals(d.get("kind")))
                    .noneMatch(d -> MESSENGER_ROLE.equals(map(d, "roleRef").get("name"))
                            || list(d, "subjects").toString().contains(ClusterAccess.MESSENGER_GROUP));
        }
    }

    @Test
    void theDeployerMayCreateOwnerNamespacesClusterWideAndWorkOnlyInsideThem() throws IOException {
        List<Map<String, Object>> documents = documents("deployer-rbac.yaml");
        assertThat(documents).extracting(d -> d.get("kind")).containsExactlyInAnyOrder("ClusterRole",
                "ClusterRoleBinding", "ClusterRole", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
        Map<String, Object> clusterWide = clusterRoleBoundTo(documents, DeployerFunctions.KUBERNETES_GROUP);
        assertThat(grants(clusterWide)).isEqualTo(Map.of(
                "/namespaces", Set.of("get", "list", "create", "patch"),
                "rbac.authorization.k8s.io/rolebindings", APPLIED,
                "rbac.authorization.k8s.io/clusterroles@agent-launchpad-deployer-namespaced", Set.of("bind"),
                "rbac.authorization.k8s.io/clusterroles@agent-launchpad-reader-namespaced", Set.of("bind"),
                "rbac.authorization.k8s.io/clusterroles@" + MESSENGER_ROLE, Set.of("bind")));
        Map<String, Object> namespaced = clusterRole(documents, "agent-launchpad-deployer-namespaced");
        assertThat(grants(namespaced)).isEqualTo(Map.of(
                "/resourcequotas", APPLIED_AND_READ,
                "/limitranges", APPLIED_AND_READ,
                "networking.k8s.io/networkpolicies", APPLIED_AND_READ,
                // the drift sweep reads the three RoleBindings inside the namespace; they are written cluster-wide
                "rbac.authorization.k8s.io/rolebindings", Set.of("get"),
                "/configmaps", OBJECTS,
                "/secrets", OBJECTS,
                "/services", OBJECTS,
                "networking.k8s.io/ingresses", OBJECTS,
                // watch: the deployer's readiness watch (KubernetesReadinessWatch), one per owner namespace in flight
                // scaling is a merge patch of the Deployment: no deployments/scale
                "apps/deployments", Set.of("get", "list", "watch", "create", "patch", "delete"),
                "/pods", Set.of("list")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdmissionPolicyHoldsTheDeployerToManagedNamespacesAndTheirSecurityLabels() throws IOException {
        List<Map<String, Object>> documents = documents("deployer-rbac.yaml");
        Map<String, Object> policy = only(documents, "ValidatingAdmissionPolicy");
        Map<String, Object> binding = only(documents, "ValidatingAdmissionPolicyBinding");
        assertThat(policy.get("apiVersion")).isEqualTo("admissionregistration.k8s.io/v1");
        Map<String, Object> spec = map(policy, "spec");
        assertThat(spec.get("failurePolicy")).isEqualTo("Fail");
        assertThat(map(binding, "spec")).isEqualTo(Map.of("policyName", map(policy, "metadata").get("name"),
                "validationActions", List.of("Deny")));
        assertThat(list(spec, "matchConditions")).singleElement().extracting(c -> ((Map<String, Object>) c)
                .get("expression")).asString().contains("'" + DeployerFunctions.KUBERNETES_GROUP + "'");
        Map<String, Object> rule = (Map<String, Object>) list(map(spec, "matchConstraints"), "resourceRules").get(0);
        assertThat((List<String>) rule.get("operations")).contains("CREATE", "UPDATE", "DELETE");
        assertThat((List<String>) rule.get("resources")).contains("*", "*/*");
        List<String> validations = list(spec, "validations").stream()
                .map(v -> (String) ((Map<String, Object>) v).get("expression")).toList();
        String variables = list(spec, "variables").toString().replaceAll("\\s+", " ");
        assertThat(variables).contains("app.kubernetes.io/managed-by", "owner");
        assertThat(validations).hasSize(4);
        assertThat(validations.get(0)).contains("'CREATE'", "'pod-security.kubernetes.io/enforce'", "'restricted'",
                "'agent-launchpad'");
        assertThat(validations.get(1)).contains("'UPDATE'", "oldObject.metadata.labels", "securityLabels",
                "'pod-security.kubernetes.io/'");
        assertThat(validations.get(2)).contains("namespaceObject.metadata.labels", "'agent-launchpad'");
        assertThat(validations.get(3)).contains("rolebindings", "object.roleRef.kind == 'ClusterRole'",
                "s.kind == 'Group'", "variables.roleOfGroup[s.name] == object.roleRef.name");
        // Each platform group may be bound to its own namespaced role only.
        assertThat(variables).contains("roleOfGroup", "{'" + DeployerFunctions.KUBERNETES_GROUP
                + "': 'agent-launchpad-deployer-namespaced', '" + ClusterAccess.READER_GROUP
                + "': 'agent-launchpad-reader-namespaced', '" + ClusterAccess.MESSENGER_GROUP + "': '" + MESSENGER_ROLE
                + "'}");
    }

    @Test
    void theGroupsDiffer() {
        assertThat(List.of(ClusterAccess.READER_GROUP, ClusterAccess.MESSENGER_GROUP, DeployerFunctions.KUBERNETES_GROUP))
                .doesNotHaveDuplicates();
    }
}
