package io.agentlaunchpad.api;

import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.LogCapture;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.util.ArrayList;
import java.util.List;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minted key appears in exactly one place: the body of the answer that minted it. Not in any other answer, any
 * log line, any DynamoDB item (every table is scanned) or the deploy queue. An agent's own API token appears in no
 * answer, log line or queued command at all, and in DynamoDB only sealed.
 */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class SecretsNeverLeakTest {

    @Inject
    KeyFunctions keys;

    @Inject
    UserFunctions users;

    @Inject
    AgentFunctions agents;

    @Inject
    io.agentlaunchpad.agents.AgentStore store;

    @Inject
    io.agentlaunchpad.agents.PlatformVault vault;

    @Test
    void aMintedKeyIsShownOnceAndKeptNowhereInClear() {
        try (LogCapture log = LogCapture.start()) {
            String user = newUser();
            ProxyResponse minted = keys.generateKey(Events.api("generateKey").user(user).body("{}").request());
            String apiKey = body(minted).get("apiKey").asText();
            assertThat(apiKey).startsWith("alk_");
            String keyId = body(minted).get("keyId").asText();

            List<ProxyResponse> others = List.of(
                    keys.listKeys(Events.api("listKeys").user(user).request()),
                    users.getUserProfile(Events.api("getUserProfile").user(user).request()),
                    agents.createAgent(Events.api("createAgent").user(user).keyId(keyId).request()),
                    keys.revokeKey(Events.api("revokeKey").user(user).pathParameter("keyId", keyId).request()),
                    agents.listAgents(Events.api("listAgents").user(user).keyId(keyId).request()));
            for (ProxyResponse r : others) {
                assertThat(r.toString()).doesNotContain(apiKey);
            }
            // the agent's own API token, made at create: sealed in its record, in no answer
            String agentId = body(others.get(2)).get("agentId").asText();
            String sealedToken = store.find(agentId).orElseThrow().sealedAuthToken();
            String agentToken = vault.unsealAuthToken(agentId, sealedToken);
            List<ProxyResponse> agentAnswers = new ArrayList<>(others);
            agentAnswers.add(agents.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()));
            agentAnswers.add(agents.getAgentStatus(Events.api("getAgentStatus").user(user).agentId(agentId).request()));
            for (ProxyResponse r : agentAnswers) {
                assertThat(r.toString()).doesNotContain(agentToken).doesNotContain(sealedToken);
            }

            var b = BackendsResource.current();
            for (String table : b.dynamo.listTables().tableNames()) {
                if (table.startsWith(b.prefix)) {
                    String items = b.dynamo.scan(ScanRequest.builder().tableName(table).build()).items().toString();
                    assertThat(items).as(table).doesNotContain(apiKey).doesNotContain(apiKey.substring(4))
                            .doesNotContain(agentToken);
                }
            }
            String queued = b.sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(b.deployQueue.queueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(0).build()).messages().toString();
            assertThat(queued).doesNotContain(apiKey).doesNotContain(agentToken).doesNotContain(sealedToken);
            assertThat(log.lines()).isNotEmpty();
            assertThat(log.text()).doesNotContain(apiKey).doesNotContain(apiKey.substring(4))
                    .doesNotContain(agentToken).doesNotContain(sealedToken);
        }
    }

    @Test
    void anAgentsOwnModelKeyIsSealedAndNeverShown() {
        try (LogCapture log = LogCapture.start()) {
            String user = newUser();
            String modelKey = "sk-own-" + java.util.UUID.randomUUID();
            var body = Events.api("createAgent").bodyTree();
            body.set("selectedPlugins", io.agentlaunchpad.json.Json.MAPPER.createArrayNode()
                    .add("@elizaos/plugin-discord").add("@elizaos/plugin-openai"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("platforms")).putObject("openai")
                    .put("apiKey", modelKey);
            ProxyResponse created = agents.createAgent(Events.api("createAgent").user(user).body(body.toString())
                    .request());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            String agentId = body(created).get("agentId").asText();
            ProxyResponse shown = agents.getAgent(Events.api("getAgent").user(user).agentId(agentId).request());
            assertThat(body(shown).at("/platforms/openai/apiKey").asText()).isEqualTo("********");
            for (ProxyResponse r : List.of(created, shown)) {
                assertThat(r.toString()).doesNotContain(modelKey);
            }
            // Sealed in the record, as platform tokens are: the deployer unseals it into the agent's Secret only.
            String sealed = store.find(agentId).orElseThrow().sealedPlatforms();
            assertThat(vault.unseal(agentId, sealed).get("openai")).containsEntry("apiKey", modelKey);
            var b = BackendsResource.current();
            for (String table : b.dynamo.listTables().tableNames()) {
                if (table.startsWith(b.prefix)) {
                    assertThat(b.dynamo.scan(ScanRequest.builder().tableName(table).build()).items().toString())
                            .as(table).doesNotContain(modelKey);
                }
            }
            String queued = b.sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(b.deployQueue.queueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(0).build()).messages().toString();
            assertThat(queued).doesNotContain(modelKey);
            assertThat(log.lines()).isNotEmpty();
            assertThat(log.text()).doesNotContain(modelKey);
        }
    }
}
