package io.agentlaunchpad.cluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.kubernetes.RbacFiles.Call;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.allows;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.clusterRole;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.contains;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.documents;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.kind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request {@link KubernetesCluster} sends, recorded on the wire, is allowed by infra-cdk/k8s/deployer-rbac.yaml
 * as RBAC reads it: cluster-wide by the bound ClusterRole, or inside an owner namespace by the namespaced ClusterRole
 * once the deployer's own RoleBinding there exists. And the RoleBindings the code creates name exactly the roles and
 * groups of the YAML files, the deployer may bind exactly those (each role only to its own group, by the admission
 * policy), and only the messenger's role, bound per owner namespace and nowhere cluster-wide, reaches the service
 * proxy.
 */
class ClusterCallsRbacTest {

    static final Path FUNCTIONS = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyCallOfTheDeployerIsAllowedByItsRbacAndNamespacedOnesOnlyInsideOwnerNamespaces(@TempDir Path home)
            throws Exception {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ClusterConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                .withConverter(Duration.class, 100, new DurationConverter()).withMapping(ClusterConfig.class).build().getConfigMapping(ClusterConfig.class);
        String owner = "user-rbac";
        String namespace = AgentNames.namespace(config.namespacePrefix(), owner);
        try (SimulatedCluster simulated = SimulatedCluster.start(home.resolve("kubeconfig"), Duration.ZERO);
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(null, Files.readString(simulated.kubeconfig()),
                             simulated.kubeconfig().toString()))
                     .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rbac", RbacFiles.recorder(calls))).build()) {
            KubernetesCluster cluster = new KubernetesCluster(client, config);
            AgentWorkload workload = workload(owner, namespace, "agent-rbac00000001");
            cluster.applyOwner(namespace, owner);
            cluster.applyAgent(workload);
            cluster.applyOwner(namespace, owner);
            cluster.applyAgent(workload);
            try (KubernetesReadinessWatch watch = new KubernetesReadinessWatch(client)) {
                java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
                watch.whenReady(namespace, workload.agent().agentId(), Duration.ofMinutes(1), told::countDown);
                assertThat(told.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("told of readiness").isTrue();
            }
            cluster.scale(namespace, workload.agent().agentId(), 2);
            cluster.observe(namespace, workload.agent().agentId());
            cluster.readNamespace(namespace, owner);
            cluster.deleteAgent(namespace, workload.agent().agentId());
            cluster.deleteAgent(workload.agent().agentId());
            assertThat(cluster.readNamespace(namespace, owner).missing(workload.agent().agentId())).hasSize(5);
        }

        List<JsonNode> yaml = documents("deployer-rbac.yaml");
        JsonNode clusterWide = clusterRole(yaml, "agent-launchpad-deployer");
        JsonNode namespaced = clusterRole(yaml, OwnerRoleBinding.DEPLOYER_ROLE);
        Set<String> boundNamespaces = new HashSet<>();
        assertThat(calls).isNotEmpty();
        for (Call call : List.copyOf(calls)) {
            if (call.resource().equals("rolebindings") && call.name() != null
                    && call.name().equals(OwnerRoleBinding.DEPLOYER_GROUP) && !call.verb().equals("get")) {
                boundNamespaces.add(call.namespace());
            }
            if (allows(clusterWide, call)) {
                continue;
            }
            assertThat(call.namespace()).as("a namespaced call outside the cluster-wide rights: %s", call).isNotNull();
            assertThat(boundNamespaces).as("the deployer's RoleBinding exists before %s", call)
                    .contains(call.namespace());
            assertThat(allows(namespaced, call)).as("%s allowed in an owner namespace", call).isTrue();
        }
        assertThat(calls).as("nothing namespaced is listed or deleted across namespaces")
                .noneMatch(c -> c.namespace() == null && !c.resource().equals("namespaces")
                        && !c.resource().equals("rolebindings") && !c.resource().equals("nodes"));
        assertThat(calls).as("server-side apply only: no replace (PUT) on a server that answers it")
                .noneMatch(c -> c.method().equals("PUT"));
        // Least privilege: every verb the roles grant is one a call above needs (bind: RBAC's own check of a binding).
        Set<String> used = new HashSet<>();
        calls.forEach(c -> c.verbs().forEach(v -> used.add(c.group() + "/" + c.resource() + ":" + v)));
        List<String> unneeded = new ArrayList<>();
        for (JsonNode role : List.of(clusterWide, namespaced)) {
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode verb : rule.path("verbs")) {
                    for (JsonNode resource : rule.path("resources")) {
                        String granted = rule.path("apiGroups").get(0).asText() + "/" + resource.asText() + ":"
                                + verb.asText();
                        if (!verb.asText().equals("bind") && !used.contains(granted)) {
                            unneeded.add(granted);
                        }
                    }
                }
            }
        }
        assertThat(unneeded).as("granted, but no call of the deployer needs them").isEmpty();
    }

    @Test
    void theOwnerRoleBindingsBindTheNamespacedRolesOfTheYamlToTheGroupsItBindsClusterWide() throws IOException {
        Map<String, String> roleToFile = Map.of(OwnerRoleBinding.DEPLOYER_ROLE, "deployer-rbac.yaml",
                OwnerRoleBinding.READER_ROLE, "reader-rbac.yaml",
                OwnerRoleBinding.MESSENGER_ROLE, "messenger-rbac.yaml");
        var bindings = OwnerRoleBinding.desired("agents-x", "x");
        assertThat(bindings).extracting(b -> b.getRoleRef().getName())
                .containsExactlyInAnyOrderElementsOf(roleToFile.keySet());
        for (var binding : bindings) {
            String role = binding.getRoleRef().getName();
            List<JsonNode> yaml = documents(roleToFile.get(role));
            clusterRole(yaml, role);
            for (String file : Set.copyOf(roleToFile.values())) {
                assertThat(kind(documents(file), "ClusterRoleBinding")).as("%s is never bound cluster-wide", role)
                        .noneMatch(b -> b.path("roleRef").path("name").asText().equals(role));
            }
            assertThat(binding.getSubjects()).singleElement()
                    .satisfies(s -> assertThat(s.getKind()).isEqualTo("Group"));
            String group = binding.getSubjects().get(0).getName();
            // The deployer's and the reader's files bind their group cluster-wide (nodes, namespaces): the same group.
            kind(yaml, "ClusterRoleBinding").forEach(b ->
                    assertThat(b.path("subjects").get(0).path("name").asText()).isEqualTo(group));
            assertThat(binding.getMetadata().getName()).isEqualTo(group);
            assertThat(binding.getMetadata().getLabels()).containsEntry(AgentNames.MANAGED_BY, AgentNames.MANAGER);
        }
        assertThat(bindings).extracting(b -> b.getSubjects().get(0).getName()).containsExactlyInAnyOrder(
                OwnerRoleBinding.DEPLOYER_GROUP, OwnerRoleBinding.READER_GROUP, OwnerRoleBinding.MESSENGER_GROUP);
    }

    @Test
    void theMessengerIsBoundOnlyInOwnerNamespaces_andOnlyItReachesTheServiceProxy() throws IOException {
        assertThat(documents("messenger-rbac.yaml")).as("no binding of the messenger's role in its file, above all "
                + "no ClusterRoleBinding").extracting(d -> d.path("kind").asText()).containsExactly("ClusterRole");
        Call proxy = new Call("POST", "agents-x", "", "services/proxy", "agent-x:http", false);
        assertThat(allows(clusterRole(documents("messenger-rbac.yaml"), OwnerRoleBinding.MESSENGER_ROLE), proxy))
                .isTrue();
        assertThat(allows(clusterRole(documents("messenger-rbac.yaml"), OwnerRoleBinding.MESSENGER_ROLE),
                new Call("GET", "agents-x", "", "services/proxy", "agent-x:http", false))).isTrue();
        for (String file : List.of("deployer-rbac.yaml", "reader-rbac.yaml")) {
            for (JsonNode role : kind(documents(file), "ClusterRole")) {
                assertThat(allows(role, proxy)).as("%s reaches an agent", role.path("metadata").path("name")).isFalse();
                assertThat(role.path("rules").toString()).doesNotContain("services/proxy");
            }
        }
    }

    /** The deployer may bind exactly the roles OwnerRoleBinding binds, and its admission policy admits each only for
     * the group OwnerRoleBinding binds it to. */
    @Test
    void theDeployerMayBindExactlyTheOwnerRoleBindings_eachRoleToItsOwnGroup() throws IOException {
        List<JsonNode> yaml = documents("deployer-rbac.yaml");
        var bindings = OwnerRoleBinding.desired("agents-x", "x");
        JsonNode clusterWide = clusterRole(yaml, "agent-launchpad-deployer");
        Set<String> bindable = new HashSet<>();
        for (JsonNode rule : clusterWide.path("rules")) {
            if (contains(rule.path("verbs"), "bind")) {
                assertThat(rule.path("resources").toString()).isEqualTo("[\"clusterroles\"]");
                rule.path("resourceNames").forEach(n -> bindable.add(n.asText()));
            }
        }
        assertThat(bindable).containsExactlyInAnyOrderElementsOf(
                bindings.stream().map(b -> b.getRoleRef().getName()).toList());

        JsonNode policy = kind(yaml, "ValidatingAdmissionPolicy").get(0);
        String roleOfGroup = null;
        for (JsonNode variable : policy.path("spec").path("variables")) {
            if (variable.path("name").asText().equals("roleOfGroup")) {
                roleOfGroup = variable.path("expression").asText();
            }
        }
        assertThat(roleOfGroup).isNotNull();
        Map<String, String> admitted = new HashMap<>();
        var entry = Pattern.compile("'([^']+)'\\s*:\\s*'([^']+)'").matcher(roleOfGroup);
        while (entry.find()) {
            admitted.put(entry.group(1), entry.group(2));
        }
        Map<String, String> created = new HashMap<>();
        bindings.forEach(b -> created.put(b.getSubjects().get(0).getName(), b.getRoleRef().getName()));
        assertThat(admitted).isEqualTo(created);
        assertThat(policy.path("spec").path("validations").toString())
                .contains("variables.roleOfGroup[s.name] == object.roleRef.name");
    }

    @Test
    void noFunctionListsOrDeletesAcrossNamespaces() throws IOException {
        try (Stream<Path> files = Files.walk(FUNCTIONS)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("inAnyNamespace(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(offenders).isEmpty();
        }
    }

    static AgentWorkload workload(String owner, String namespace, String agentId) {
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec("rbac-bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("512Mi", "250m", 1));
        Agent agent = new Agent(agentId, owner, spec, null, Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null,
                null);
        return new AgentWorkload(agent, namespace, "{\"name\":\"rbac-bot\"}", Map.of("SERVER_PORT", "3000"),
                "registry.launchpad.local/elizaos-agent@sha256:" + "0".repeat(64), agentId + ".agents.local",
                Duration.ofMinutes(15));
    }
}
