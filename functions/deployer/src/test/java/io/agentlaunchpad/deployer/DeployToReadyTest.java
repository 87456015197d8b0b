package io.agentlaunchpad.deployer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.LogCapture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class DeployToReadyTest extends DeployerFixture {

    @Test
    void deploy_appliesEveryObjectThenCheckMovesToDeployedWhenPodsAreReady() {
        String owner = newUser();
        String agentId = create(owner);

        queue.deliverReady();

        Agent applying = agent(agentId);
        assertThat(applying.status()).isEqualTo(AgentStatus.DEPLOYING);
        String ns = namespace(owner);
        assertThat(kube.namespaces().withName(ns).get()).isNotNull();
        assertThat(kube.resourceQuotas().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(kube.limitRanges().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(kube.network().v1().networkPolicies().inNamespace(ns).list().getItems()).hasSize(1);
        List<HasMetadata> objects = List.of(
                kube.configMaps().inNamespace(ns).withName(agentId + "-character").get(),
                kube.secrets().inNamespace(ns).withName(agentId + "-credentials").get(),
                kube.apps().deployments().inNamespace(ns).withName(agentId).get(),
                kube.services().inNamespace(ns).withName(agentId).get(),
                kube.network().v1().ingresses().inNamespace(ns).withName(agentId).get());
        for (HasMetadata object : objects) {
            assertThat(object).as("every agent object exists").isNotNull();
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "agent-launchpad")
                    .containsEntry("agent-id", agentId).containsEntry("owner", owner);
        }
        Deployment deployment = (Deployment) objects.get(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/elizaos-agent@" + CLEAN_DIGEST);

        kubelet.rollOut(ns, agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();

        Agent deployed = agent(agentId);
        assertThat(deployed.status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(deployed.readyReplicas()).isEqualTo(1);
        assertThat(deployed.deployedAt()).isNotNull();
        assertThat(deployed.statusReason()).isNull();
        assertThat(queue.failures).isZero();
    }

    @Test
    void deployment_runsLockedDownWithProbesResourcesAndNoPluginInstall() {
        String owner = newUser();
        String agentId = create(owner);
        queue.deliverReady();

        Deployment deployment = kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container agent = pod.getContainers().get(0);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(agent.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(agent.getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/tmp", "/data", "/etc/elizaos");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getEmptyDir() != null).hasSize(2);
        assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(agent.getPorts().get(0).getContainerPort()).isEqualTo(3000);
        assertThat(agent.getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");
        assertThat(agent.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(agent.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
        assertThat(agent.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("ELIZA_NO_PLUGIN_AUTO_INSTALL");
            assertThat(e.getValue()).isEqualTo("true");
        });
        assertThat(agent.getCommand()).containsExactly("node", "/app/start-agent.mjs", "/etc/elizaos/character.json");
        assertThat(agent.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo(agentId + "-credentials");

        NetworkPolicy policy = kube.network().v1().networkPolicies().inNamespace(namespace(owner)).list().getItems().get(0);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");

        Ingress ingress = kube.network().v1().ingresses().inNamespace(namespace(owner)).withName(agentId).get();
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo(agentId + ".agents.localhost");
        assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly(agentId + ".agents.localhost");
    }

    @Test
    void secret_holdsTheCredentialsUnderElizaNames_andTheTokenIsNowhereElse() {
        String owner = newUser();
        String token = "discord-secret-" + UUID.randomUUID();
        String agentId = appliedWith(owner, token);

        Secret secret = kube.secrets().inNamespace(namespace(owner)).withName(agentId + "-credentials").get();
        assertThat(secretValue(secret, "DISCORD_API_TOKEN")).isEqualTo(token);
        // The platform's model keys are opt-in per owner, and this owner is not in the list.
        assertThat(secret.getData()).doesNotContainKey("OPENAI_API_KEY");
        assertThat(secret.getData().keySet()).noneMatch(k -> k.contains("guild"));

        ConfigMap character = kube.configMaps().inNamespace(namespace(owner)).withName(agentId + "-character").get();
        assertThat(character.getData().get("character.json")).doesNotContain(token);
        Deployment deployment = kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get();
        assertThat(io.agentlaunchpad.json.Json.write(deployment)).doesNotContain(token);
        assertThat(queue.bodies).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain(token));
        assertThat(BackendsResource.current().dynamo.scan(b -> b.tableName(BackendsResource.current().prefix + "agents"))
                .items().toString()).doesNotContain(token);
    }

    @Test
    void secret_platformModelKeysOnlyForOptedInOwners_andAnAgentsOwnKeyWins() {
        String optedIn = "user-with-platform-models"; // launchpad.cluster.model-credentials-owners (test profile)
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ownKey = "sk-own-" + UUID.randomUUID();
        ObjectNode mine = body("discord-" + run, "@elizaos/plugin-web3", "@elizaos/plugin-openai");
        mine.put("agentName", "own-model-" + run);
        ((ObjectNode) mine.get("platforms")).putObject("openai").put("apiKey", ownKey);
        ObjectNode platformModel = body("discord-" + run, "@elizaos/plugin-web3");
        platformModel.put("agentName", "platform-model-" + run);
        String withOwnKey = create(optedIn, mine);
        String withPlatformKey = create(optedIn, platformModel);
        queue.deliverReady();

        Secret own = kube.secrets().inNamespace(namespace(optedIn)).withName(withOwnKey + "-credentials").get();
        assertThat(secretValue(own, "OPENAI_API_KEY")).isEqualTo(ownKey);
        Secret shared = kube.secrets().inNamespace(namespace(optedIn)).withName(withPlatformKey + "-credentials").get();
        assertThat(secretValue(shared, "OPENAI_API_KEY")).isEqualTo("sk-model-key-for-tests");
        // Sealed like platform tokens: nowhere else in clear.
        assertThat(queue.bodies).allSatisfy(b -> assertThat(b).doesNotContain(ownKey));
        assertThat(BackendsResource.current().dynamo.scan(b -> b.tableName(BackendsResource.current().prefix + "agents"))
                .items().toString()).doesNotContain(ownKey);
        Deployment deployment = kube.apps().deployments().inNamespace(namespace(optedIn)).withName(withOwnKey).get();
        assertThat(io.agentlaunchpad.json.Json.write(deployment)).doesNotContain(ownKey);
    }

    @Test
    void theToken_neverAppearsInAnyLogLine_throughDeployUpdateAndFailure() {
        try (LogCapture log = LogCapture.start()) {
            String owner = newUser();
            String token = "discord-secret-" + UUID.randomUUID();
            String agentId = appliedWith(owner, token);
            kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.CRASH_LOOP_BACK_OFF);
            queue.deliverNext();
            String rotated = "discord-rotated-" + UUID.randomUUID();
            var change = io.agentlaunchpad.json.Json.MAPPER.createObjectNode();
            change.set("platforms", io.agentlaunchpad.json.Json.MAPPER.createObjectNode().set("discord",
                    io.agentlaunchpad.json.Json.MAPPER.createObjectNode().put("token", rotated)));
            agents.update(user(owner), agentId, change, null, "req-rotate");
            queue.deliverReady();

            assertThat(log.lines()).as("the deploy was logged").anyMatch(l -> l.contains(agentId));
            assertThat(log.lines()).noneMatch(l -> l.contains(token) || l.contains(rotated));
        }
    }

    @Test
    void configMap_holdsTheElizaV1CharacterBuiltFromPersonalityAndPlugins() throws Exception {
        String owner = newUser();
        String agentId = create(owner);
        queue.deliverReady();

        ConfigMap character = kube.configMaps().inNamespace(namespace(owner)).withName(agentId + "-character").get();
        var json = io.agentlaunchpad.json.Json.tree(character.getData().get("character.json"));

        assertThat(json.get("name").asText()).isEqualTo("my-trading-bot");
        assertThat(json.get("system").asText()).isEqualTo("You are a professional cryptocurrency trading assistant.");
        assertThat(json.get("bio")).hasSize(2);
        assertThat(json.get("adjectives").get(0).asText()).isEqualTo("analytical");
        assertThat(json.get("topics")).hasSize(3);
        assertThat(json.get("plugins").get(0).asText()).isEqualTo("@elizaos/plugin-discord");
        assertThat(json.has("personality")).isFalse();
        // ElizaOS 1.7.2's character schema is strict: an unknown top-level field and the agent does not start
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(ELIZA_CHARACTER_FIELDS).containsAll(fields);
        assertThat(json.get("id").asText()).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
                .isEqualTo(io.agentlaunchpad.messages.ElizaIds.agent(agentId).toString());
        assertThat(json.get("name").asText()).isNotEmpty();
        assertThat(json.get("bio").isArray()).isTrue();
    }

    /** The top-level fields of {@code characterSchema} in {@code @elizaos/core} 1.7.2 ({@code .strict()}). */
    static final List<String> ELIZA_CHARACTER_FIELDS = List.of("id", "name", "username", "system", "templates", "bio",
            "messageExamples", "postExamples", "topics", "adjectives", "knowledge", "plugins", "settings", "secrets",
            "style");

    static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        Map<String, String> data = secret.getData();
        return data == null || data.get(key) == null ? null
                : new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
    }
}
