package io.agentlaunchpad.deployer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStub;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every deployer test starts from: the real backends, the ECR stub with the catalogue's images, the CRUD mock
 * cluster with a simulated kubelet, agents created through the real AgentService (so the real commands are on the
 * queue), and the queue driver standing in for the event source mapping.
 */
abstract class DeployerFixture {

    static final String CLEAN_DIGEST = "sha256:" + "a".repeat(64);
    static final String BLOCKED_DIGEST = "sha256:" + "b".repeat(64);
    static final String SCANNING_DIGEST = "sha256:" + "c".repeat(64);

    @Inject
    AgentService agents;

    @Inject
    AgentStore store;

    @Inject
    DeployFunctions functions;

    @Inject
    KubernetesClient kube;

    @Inject
    SecurityEvents events;

    QueueDriver queue;
    SimulatedKubelet kubelet;
    EcrStub ecr;

    @BeforeEach
    void startFromACleanQueueAndRegistry() {
        queue = new QueueDriver(BackendsResource.current(), functions);
        queue.purge();
        kubelet = new SimulatedKubelet(kube);
        ecr = EcrStubResource.current();
        ecr.reset();
        ecr.image("elizaos-agent", "1.4.4", CLEAN_DIGEST)
                .scanComplete(CLEAN_DIGEST, Map.of("HIGH", 1, "MEDIUM", 5, "LOW", 12))
                .image("elizaos-knowledge", "1.0", BLOCKED_DIGEST)
                .scanComplete(BLOCKED_DIGEST, Map.of("CRITICAL", 2, "HIGH", 3))
                .image("elizaos-openrouter", "1.0", SCANNING_DIGEST)
                .neverScanned(SCANNING_DIGEST)
                .broken("elizaos-ollama")
                .repositoryMissing("elizaos-anthropic");
        // Each test meets the registry fresh: no image is known blocked until a deploy in it finds out.
        var backends = BackendsResource.current();
        backends.dynamo.deleteItem(b -> b.tableName(backends.prefix + "image-verdicts").key(Map.of("image",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("elizaos-knowledge:1.0"))));
    }

    @AfterEach
    void leaveNothingQueued() {
        queue.purge();
    }

    static Principal user(String userId) {
        return new Principal(userId, userId, "USER", Set.of("agents:*"), "key_" + userId);
    }

    /** The seed's create body with Discord, these plugins and this Discord token (web3 alone: the default image). */
    static ObjectNode body(String discordToken, String... extraPlugins) {
        ObjectNode body = Events.api("createAgent").bodyTree();
        ArrayNode plugins = Json.MAPPER.createArrayNode().add("@elizaos/plugin-discord");
        for (String plugin : extraPlugins) {
            plugins.add(plugin);
        }
        body.set("selectedPlugins", plugins);
        ((ObjectNode) body.get("platforms").get("discord")).put("token", discordToken);
        return body;
    }

    String create(String owner, ObjectNode body) {
        return agents.create(user(owner), body, null, "req-" + UUID.randomUUID()).view().agentId();
    }

    String create(String owner) {
        return create(owner, body("discord-token-" + UUID.randomUUID(), "@elizaos/plugin-web3"));
    }

    /** Created with this Discord token on the default image, and applied. */
    String appliedWith(String owner, String discordToken) {
        String agentId = create(owner, body(discordToken, "@elizaos/plugin-web3"));
        queue.deliverReady();
        return agentId;
    }

    /** An agent on the image of this plugin (and Discord's). */
    String createWith(String owner, String plugin) {
        return create(owner, body("token-" + UUID.randomUUID(), plugin));
    }

    Agent agent(String agentId) {
        return store.find(agentId).orElseThrow();
    }

    String namespace(String owner) {
        return AgentNames.namespace("agents-", owner);
    }

    /** Create, apply, let the kubelet make the pods ready, and deliver the follow-up. */
    String deployed(String owner) {
        String agentId = rolledOut(owner, SimulatedKubelet.Outcome.READY);
        assertThat(agent(agentId).status().name()).isEqualTo("DEPLOYED");
        return agentId;
    }

    /** Create, apply, let the kubelet roll the pods out with this outcome, and deliver the follow-up. */
    String rolledOut(String owner, SimulatedKubelet.Outcome outcome) {
        String agentId = create(owner);
        queue.deliverReady();
        kubelet.rollOut(namespace(owner), agentId, outcome);
        queue.deliverNext();
        return agentId;
    }
}
