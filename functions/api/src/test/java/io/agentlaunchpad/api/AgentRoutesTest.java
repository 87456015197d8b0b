package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.commands;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle routes' happy paths, bodies checked field by field against the API reference. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentRoutesTest {

    @Inject
    AgentFunctions functions;

    String create(String user) {
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user).request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return body(response).get("agentId").asText();
    }

    @Test
    void createAgent_answersTheSeedBodyStoresQueuedAndEnqueuesDeploy() {
        String user = newUser();
        Events event = Events.api("createAgent").user(user);
        String requestId = event.request().requestId();

        ProxyResponse response = functions.createAgent(event.request());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).matches("^agent-[a-z0-9]{12}$");
        assertThat(body.get("status").asText()).isEqualTo("QUEUED");
        assertThat(body.get("createdAt").asText()).matches(SECOND_TIMESTAMP);
        assertThat(body.get("estimatedDeployTime").asText()).isEqualTo("5-10 minutes");
        assertThat(body.size()).isEqualTo(4);

        String agentId = body.get("agentId").asText();
        Map<String, AttributeValue> item = storedItem(agentId);
        assertThat(item.get("status").s()).isEqualTo("QUEUED");
        assertThat(item.get("owner").s()).isEqualTo(user);
        assertThat(item.get("generation").n()).isEqualTo("1");
        assertThat(item.get("version").n()).isEqualTo("1");

        var sent = commands(agentId);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("type").asText()).isEqualTo("DEPLOY");
        assertThat(sent.get(0).get("generation").asLong()).isEqualTo(1);
        assertThat(sent.get(0).get("requestId").asText()).isEqualTo(requestId);
    }

    @Test
    void createAgent_sealsThePlatformTokenEverywhereItIsKept() {
        String user = newUser();
        String token = "discord-token-" + UUID.randomUUID();
        ObjectNode body = Events.api("createAgent").bodyTree();
        ((ObjectNode) body.get("platforms").get("discord")).put("token", token);

        ProxyResponse created = functions.createAgent(Events.api("createAgent").user(user).body(body).request());
        assertThat(created.body()).doesNotContain(token);
        String agentId = body(created).get("agentId").asText();

        assertThat(storedItem(agentId).toString()).doesNotContain(token);
        assertThat(commands(agentId).toString()).doesNotContain(token);

        ProxyResponse detail = functions.getAgent(Events.api("getAgent").user(user).agentId(agentId).request());
        assertThat(detail.body()).doesNotContain(token);
        JsonNode discord = body(detail).get("platforms").get("discord");
        assertThat(discord.get("token").asText()).isEqualTo("********");
        assertThat(discord.get("guildId").asText()).isEqualTo("your-server-id");
    }

    @Test
    void createAgent_acceptsTheSeedCompleteFlowBodyWithDefaults() {
        String seedFlow = Events.bodyFile("seed-complete-flow-agent.json");
        String user = newUser();
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user).body(seedFlow).request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String agentId = body(response).get("agentId").asText();

        JsonNode detail = body(functions.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()));
        assertThat(detail.get("resources").get("replicas").asInt()).isEqualTo(1);
        assertThat(detail.get("resources").get("memory").asText()).isEqualTo("512Mi");
        assertThat(detail.get("personality").get("topics")).isEmpty();
    }

    @Test
    void getAgentStatus_answersTheSeedShape() {
        String user = newUser();
        String agentId = create(user);

        ProxyResponse response = functions.getAgentStatus(Events.api("getAgentStatus").user(user).agentId(agentId).request());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(body.get("status").asText()).isEqualTo("QUEUED");
        assertThat(body.get("url").asText()).isEqualTo("https://" + agentId + ".agents.localhost");
        JsonNode health = body.get("health");
        assertThat(health.get("overall").asText()).isEqualTo("PENDING");
        assertThat(health.get("kubernetes").get("status").asText()).isEqualTo("PENDING");
        assertThat(health.get("kubernetes").get("replicas").asInt()).isEqualTo(1);
        assertThat(health.get("kubernetes").get("readyReplicas").asInt()).isEqualTo(0);
        assertThat(health.get("application").get("status").asText()).isEqualTo("PENDING");
        assertThat(body.has("deployedAt")).isFalse();
        assertThat(body.get("lastUpdated").asText()).matches(SECOND_TIMESTAMP);
    }

    @Test
    void listAgents_answersTheSeedShapeNewestFirst() {
        String user = newUser();
        String first = create(user);
        String second = create(user);

        ProxyResponse response = functions.listAgents(Events.api("listAgents").user(user).query(Map.of()).request());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("limit").asInt()).isEqualTo(20);
        assertThat(body.get("offset").asInt()).isEqualTo(0);
        assertThat(body.has("nextToken")).isFalse();
        JsonNode agents = body.get("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).get("agentId").asText()).isEqualTo(second);
        assertThat(agents.get(1).get("agentId").asText()).isEqualTo(first);
        JsonNode item = agents.get(0);
        assertThat(item.get("name").asText()).isEqualTo("my-trading-bot");
        assertThat(item.get("status").asText()).isEqualTo("QUEUED");
        assertThat(item.get("owner").asText()).isEqualTo(user);
        assertThat(item.get("createdAt").asText()).matches(SECOND_TIMESTAMP);
        assertThat(item.get("url").asText()).isEqualTo("https://" + second + ".agents.localhost");
    }

    @Test
    void scaleAgent_answersTheSeedBodyAndEnqueuesScaleForTheNextGeneration() {
        String user = newUser();
        String agentId = create(user);

        ProxyResponse response = functions.scaleAgent(Events.api("scaleAgent").user(user).agentId(agentId).request());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(body.get("currentReplicas").asInt()).isEqualTo(3);
        assertThat(body.get("targetReplicas").asInt()).isEqualTo(3);
        assertThat(body.get("status").asText()).isEqualTo("SCALING");
        assertThat(body.get("updatedAt").asText()).matches(SECOND_TIMESTAMP);

        Map<String, AttributeValue> item = storedItem(agentId);
        assertThat(item.get("generation").n()).isEqualTo("2");
        assertThat(item.get("status").s()).isEqualTo("SCALING");
        assertThat(Json.read(item.get("spec").s(), Map.class).toString()).contains("replicas=3");
        var sent = commands(agentId);
        assertThat(sent).extracting(c -> c.get("type").asText()).containsExactly("DEPLOY", "SCALE");
        assertThat(sent.get(1).get("generation").asLong()).isEqualTo(2);
    }

    @Test
    void updateAgent_mergesThePartialChangeAndEnqueuesUpdate() {
        String user = newUser();
        String agentId = create(user);

        ProxyResponse response = functions.updateAgent(Events.api("updateAgent").user(user).agentId(agentId).request());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertSeedChangeBody(response, agentId, "UPDATING", "Agent update initiated");

        JsonNode detail = body(functions.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()));
        assertThat(detail.get("description").asText()).isEqualTo("Updated description");
        assertThat(detail.get("resources").get("memory").asText()).isEqualTo("2Gi");
        assertThat(detail.get("resources").get("cpu").asText()).isEqualTo("1000m");
        assertThat(detail.get("resources").get("replicas").asInt()).isEqualTo(1);
        assertThat(detail.get("personality").get("system").asText()).startsWith("You are a professional");
        assertThat(detail.get("generation").asLong()).isEqualTo(2);
        assertThat(commands(agentId)).extracting(c -> c.get("type").asText()).containsExactly("DEPLOY", "UPDATE");
    }

    @Test
    void updateAgent_replacesAPlatformTokenSealedAndRedacted() {
        String user = newUser();
        String agentId = create(user);
        String newToken = "rotated-" + UUID.randomUUID();

        ProxyResponse response = functions.updateAgent(Events.api("updateAgent").user(user).agentId(agentId)
                .body("{\"platforms\": {\"discord\": {\"token\": \"" + newToken + "\", \"guildId\": \"g-2\"}}}").request());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(storedItem(agentId).toString()).doesNotContain(newToken);
        JsonNode discord = body(functions.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()))
                .get("platforms").get("discord");
        assertThat(discord.get("token").asText()).isEqualTo("********");
        assertThat(discord.get("guildId").asText()).isEqualTo("g-2");
    }

    @Test
    void restartAgent_answersTheSeedBody() {
        String user = newUser();
        String agentId = create(user);

        ProxyResponse response = functions.restartAgent(Events.api("restartAgent").user(user).agentId(agentId).request());

        assertThat(response.statusCode()).isEqualTo(202);
        assertSeedChangeBody(response, agentId, "RESTARTING", "Agent restart initiated");
        assertThat(storedItem(agentId)).containsKey("restartRequestedAt");
        assertThat(commands(agentId)).extracting(c -> c.get("type").asText()).containsExactly("DEPLOY", "RESTART");
    }

    @Test
    void deleteAgent_answersTheSeedBodyThenRefusesOtherChanges() {
        String user = newUser();
        String agentId = create(user);

        ProxyResponse response = functions.deleteAgent(Events.api("deleteAgent").user(user).agentId(agentId).request());

        assertThat(response.statusCode()).isEqualTo(202);
        assertSeedChangeBody(response, agentId, "DELETING", "Agent deletion initiated");

        error(functions.scaleAgent(Events.api("scaleAgent").user(user).agentId(agentId).request()), 409, "CONFLICT");
        assertThat(functions.deleteAgent(Events.api("deleteAgent").user(user).agentId(agentId).request()).statusCode())
                .isEqualTo(202);
        assertThat(commands(agentId)).extracting(c -> c.get("type").asText())
                .containsExactly("DEPLOY", "DELETE", "DELETE");
    }

    static Map<String, AttributeValue> storedItem(String agentId) {
        var backends = BackendsResource.current();
        return backends.dynamo.getItem(GetItemRequest.builder().tableName(backends.prefix + "agents")
                .key(Map.of("agentId", AttributeValue.builder().s(agentId).build())).consistentRead(true).build()).item();
    }

    /** The seed's answer to an accepted change: the agent, its new status, the message and a second-precision time. */
    static void assertSeedChangeBody(ProxyResponse response, String agentId, String status, String message) {
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(body.get("status").asText()).isEqualTo(status);
        assertThat(body.get("message").asText()).isEqualTo(message);
        assertThat(body.get("timestamp").asText()).matches(SECOND_TIMESTAMP);
    }
}
