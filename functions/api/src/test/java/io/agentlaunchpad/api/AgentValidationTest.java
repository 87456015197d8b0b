package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is a 4xx in the API's error format naming the problem, and writes nothing. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentValidationTest {

    @Inject
    AgentFunctions functions;

    static Arguments bad(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    static Stream<Arguments> badCreateBodies() {
        return Stream.of(
                bad("agentName", b -> b.remove("agentName")),
                bad("agentName", b -> b.put("agentName", "My Bot")),
                bad("agentName", b -> b.put("agentName", "-bot")),
                bad("agentName", b -> b.put("agentName", "a".repeat(64))),
                bad("agentName", b -> b.put("agentName", 42)),
                bad("description", b -> b.put("description", "d".repeat(1001))),
                bad("description", b -> b.put("description", "bell\u0007")),
                bad("personality", b -> b.remove("personality")),
                bad("personality", b -> b.put("personality", "friendly")),
                bad("personality.bio", b -> ((ObjectNode) b.get("personality")).remove("bio")),
                bad("personality.bio", b -> ((ObjectNode) b.get("personality")).putArray("bio")),
                bad("personality.bio[2]", b -> ((ArrayNode) b.get("personality").get("bio")).add(7)),
                bad("personality.system", b -> ((ObjectNode) b.get("personality")).put("system", "s".repeat(10_001))),
                bad("personality.adjectives", b -> ((ObjectNode) b.get("personality")).put("adjectives", "calm")),
                bad("personality.lore", b -> ((ObjectNode) b.get("personality")).putArray("lore")),
                bad("selectedPlugins", b -> b.put("selectedPlugins", "@elizaos/plugin-discord")),
                bad("selectedPlugins[2]", b -> ((ArrayNode) b.get("selectedPlugins")).add("@evil/plugin-miner")),
                bad("selectedPlugins[2]", b -> ((ArrayNode) b.get("selectedPlugins")).add("@elizaos/plugin-web3")),
                bad("resources.memory", b -> ((ObjectNode) b.get("resources")).put("memory", "lots")),
                bad("resources.memory", b -> ((ObjectNode) b.get("resources")).put("memory", "128Mi")),
                bad("resources.memory", b -> ((ObjectNode) b.get("resources")).put("memory", "64Gi")),
                bad("resources.memory", b -> ((ObjectNode) b.get("resources")).put("memory", "1e9")),
                bad("resources.cpu", b -> ((ObjectNode) b.get("resources")).put("cpu", "fast")),
                bad("resources.cpu", b -> ((ObjectNode) b.get("resources")).put("cpu", "10m")),
                bad("resources.cpu", b -> ((ObjectNode) b.get("resources")).put("cpu", "1Gi")),
                bad("resources.cpu", b -> ((ObjectNode) b.get("resources")).put("cpu", 1)),
                bad("resources.replicas", b -> ((ObjectNode) b.get("resources")).put("replicas", 0)),
                bad("resources.replicas", b -> ((ObjectNode) b.get("resources")).put("replicas", 11)),
                bad("resources.replicas", b -> ((ObjectNode) b.get("resources")).put("replicas", 1.5)),
                bad("resources.replicas", b -> ((ObjectNode) b.get("resources")).put("replicas", "2")),
                bad("resources.gpu", b -> ((ObjectNode) b.get("resources")).put("gpu", "1")),
                bad("platforms.slack", b -> ((ObjectNode) b.get("platforms")).putObject("slack").put("token", "x")),
                bad("platforms.discord.token", b -> ((ObjectNode) b.get("platforms").get("discord")).remove("token")),
                bad("platforms.discord.token", b -> ((ObjectNode) b.get("platforms").get("discord")).put("token", "")),
                bad("platforms.discord.secret", b -> ((ObjectNode) b.get("platforms").get("discord")).put("secret", "x")),
                bad("platforms.discord", b -> ((ObjectNode) b.get("platforms")).put("discord", "token")),
                bad("platforms.telegram", b -> ((ObjectNode) b.get("platforms")).putObject("telegram").put("token", "t")),
                bad("selectedPlugins[0]", b -> b.remove("platforms")),
                bad("owner", b -> b.put("owner", "someone-else")),
                // found by the bad-input suite (bench/): a lone surrogate is valid JSON but no text; it was stored as '?'
                bad("description", b -> b.put("description", "half a pair: \uD800")),
                bad("platforms.discord.token", b -> ((ObjectNode) b.get("platforms").get("discord")).put("token", "\uDC00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateBodies")
    void createAgent_refusesABadFieldByName(String field, Consumer<ObjectNode> change) {
        String user = newUser();
        ObjectNode body = Events.api("createAgent").bodyTree();
        change.accept(body);

        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user).body(body).request());

        assertThat(fields(response)).contains(field);
        assertNothingStoredFor(user);
    }

    @Test
    void createAgent_reportsEveryBadFieldAtOnce() {
        ObjectNode body = Events.api("createAgent").bodyTree();
        body.put("agentName", "Bad Name");
        ((ObjectNode) body.get("resources")).put("replicas", 99);
        ((ObjectNode) body.get("resources")).put("memory", "1KB");

        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(newUser()).body(body).request());

        assertThat(fields(response)).containsExactlyInAnyOrder("agentName", "resources.replicas", "resources.memory");
        assertThat(body(response).get("error").get("message").asText()).contains("3 problems");
    }

    @Test
    void createAgent_refusesMalformedJsonWithItsPosition() {
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(newUser())
                .body("{\"agentName\": \"x\",").request());
        assertThat(fields(response)).containsExactly("body");
        assertThat(body(response).get("error").get("message").asText()).contains("not valid JSON");
    }

    @Test
    void createAgent_refusesDuplicateKeys() {
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(newUser())
                .body("{\"agentName\": \"a\", \"agentName\": \"b\"}").request());
        assertThat(fields(response)).containsExactly("body");
    }

    // The next four were found by the bad-input suite (bench/, ./launchpad reliability bad-input).

    @Test
    void createAgent_refusesABodyNestedPastTheParsersDepthLimitWith400Not500() {
        String user = newUser();
        for (String deep : new String[]{"{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000), "[".repeat(10_000)}) {
            ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user).body(deep).request());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(fields(response)).containsExactly("body");
        }
        assertNothingStoredFor(user);
    }

    @Test
    void createAgent_refusesAnythingAfterTheJsonObject() {
        String user = newUser();
        String json = Events.api("createAgent").request().body();
        for (String trailing : new String[]{" {\"agentName\": \"two\"}", " trailing", "]"}) {
            ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user)
                    .body(json + trailing).request());
            assertThat(fields(response)).as(trailing).containsExactly("body");
        }
        assertNothingStoredFor(user);
    }

    @Test
    void createAgent_refusesContentTypesThatOnlyStartLikeJsonWith415() {
        String user = newUser();
        for (String type : new String[]{"application/jsonp", "application/json-patch+json", "application/json5"}) {
            error(functions.createAgent(Events.api("createAgent").user(user).header("Content-Type", type).request()),
                    415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertNothingStoredFor(user);
        ProxyResponse withCharset = functions.createAgent(Events.api("createAgent").user(user)
                .header("Content-Type", "Application/JSON ; charset=utf-8").request());
        assertThat(withCharset.statusCode()).as(withCharset.body()).isEqualTo(202);
    }

    @Test
    void createAgent_refusesABase64BodyThatIsNotUtf8() {
        String user = newUser();
        String text = Events.api("createAgent").request().body();
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[json.length + 2];
        // inside the description, where any text is fine: only the bytes themselves are wrong
        int at = text.substring(0, text.indexOf('"', text.indexOf(':', text.indexOf("\"description\""))) + 1)
                .getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(json, 0, broken, 0, at);
        broken[at] = (byte) 0xff;
        broken[at + 1] = (byte) 0xfe;
        System.arraycopy(json, at, broken, at + 2, json.length - at);
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(user)
                .base64Body(Base64.getEncoder().encodeToString(broken)).request());
        assertThat(fields(response)).containsExactly("body");
        assertNothingStoredFor(user);
    }

    @Test
    void createAgent_refusesABodyThatIsNotAnObject() {
        assertThat(fields(functions.createAgent(Events.api("createAgent").user(newUser()).body("[1,2]").request())))
                .containsExactly("body");
        assertThat(fields(functions.createAgent(Events.api("createAgent").user(newUser()).body((String) null).request())))
                .containsExactly("body");
        assertThat(fields(functions.createAgent(Events.api("createAgent").user(newUser()).body("null").request())))
                .containsExactly("body");
    }

    @Test
    void createAgent_refusesAnOversizeBodyWith413() {
        ObjectNode body = Events.api("createAgent").bodyTree();
        body.put("description", "x".repeat(300_000));
        error(functions.createAgent(Events.api("createAgent").user(newUser()).body(body).request()),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void createAgent_refusesAnotherContentTypeWith415() {
        error(functions.createAgent(Events.api("createAgent").user(newUser())
                .header("Content-Type", "text/plain").request()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void createAgent_acceptsABase64EncodedBody() {
        String json = Events.api("createAgent").request().body();
        ProxyResponse response = functions.createAgent(Events.api("createAgent").user(newUser())
                .base64Body(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void aRequestWithoutAPrincipalIs401InvalidApiKey() {
        error(functions.createAgent(Events.api("createAgent").anonymous().request()), 401, "INVALID_API_KEY");
        error(functions.listAgents(Events.api("listAgents").anonymous().request()), 401, "INVALID_API_KEY");
    }

    @Test
    void aViewerCannotCreateScaleOrDelete() {
        String viewer = newUser();
        error(functions.createAgent(Events.api("createAgent").viewer(viewer).request()), 403, "INSUFFICIENT_PERMISSIONS");
        error(functions.scaleAgent(Events.api("scaleAgent").viewer(viewer).request()), 403, "INSUFFICIENT_PERMISSIONS");
        error(functions.deleteAgent(Events.api("deleteAgent").viewer(viewer).request()), 403, "INSUFFICIENT_PERMISSIONS");
        assertThat(functions.listAgents(Events.api("listAgents").viewer(viewer).query(Map.of()).request()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBadAgentIdInThePathIs400NamingIt() {
        for (String id : new String[]{"../etc/passwd", "agent-ABC", "123abc", "agent-", "agent-a" + "b".repeat(70),
                "agent-x'; DROP TABLE"}) {
            ProxyResponse response = functions.getAgentStatus(Events.api("getAgentStatus").user(newUser()).agentId(id).request());
            assertThat(fields(response)).as(id).containsExactly("agentId");
        }
    }

    @Test
    void scaleAgent_refusesBadReplicas() {
        for (String body : new String[]{"{\"replicas\": -1}", "{\"replicas\": 11}", "{\"replicas\": \"2\"}",
                "{\"replicas\": 2.5}", "{}", "{\"replicas\": 2, \"force\": true}"}) {
            ProxyResponse response = functions.scaleAgent(Events.api("scaleAgent").user(newUser()).body(body).request());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(fields(response)).as(body).isNotEmpty();
        }
    }

    @Test
    void updateAgent_refusesRenamingAnEmptyChangeAndUnknownFields() {
        String user = newUser();
        String agentId = Responses.body(functions.createAgent(Events.api("createAgent").user(user).request()))
                .get("agentId").asText();
        Events update = Events.api("updateAgent").user(user).agentId(agentId);

        assertThat(fields(functions.updateAgent(update.body("{\"agentName\": \"other\"}").request()))).containsExactly("agentName");
        assertThat(fields(functions.updateAgent(update.body("{}").request()))).containsExactly("body");
        assertThat(fields(functions.updateAgent(update.body("{\"colour\": \"red\"}").request()))).containsExactly("colour");
        assertThat(fields(functions.updateAgent(update.body("{\"resources\": {\"memory\": \"1\"}}").request())))
                .containsExactly("resources.memory");
        // Removing the platform its selected plugin needs leaves the agent unable to start.
        assertThat(fields(functions.updateAgent(update.body("{\"platforms\": {\"discord\": null}}").request())))
                .containsExactly("selectedPlugins[0]");
        assertThat(Responses.commands(agentId)).hasSize(1);
    }

    @Test
    void listAgents_refusesBadParameters() {
        String user = newUser();
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("limit", "0")).request())))
                .containsExactly("limit");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("limit", "101")).request())))
                .containsExactly("limit");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("limit", "ten")).request())))
                .containsExactly("limit");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("offset", "-1")).request())))
                .containsExactly("offset");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("status", "RUNNING")).request())))
                .containsExactly("status");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).query(Map.of("nextToken", "garbage!")).request())))
                .containsExactly("nextToken");
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user).repeatedQuery("limit", "5", "6").request())))
                .containsExactly("limit");
    }

    private void assertNothingStoredFor(String user) {
        ProxyResponse list = functions.listAgents(Events.api("listAgents").user(user).query(Map.of()).request());
        assertThat(body(list).get("total").asLong()).isZero();
    }
}
