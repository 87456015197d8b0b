package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.testing.LogCapture;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.messages.ElizaIds;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.agents.PlatformVault;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST/GET /api/agents/{agentId}/messages}: validation, ownership, permission, and the agent's answers as the
 * API server's service proxy relays them (the test server serves the proxy path as the real one would).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class AgentMessageRoutesTest extends AgentOnClusterFixture {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MessageFunctions messages;

    @Inject
    AgentStore store;

    @Inject
    PlatformVault vault;

    String proxy;

    @BeforeEach
    void running() {
        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYED, 1, null, Instant.now())).isTrue();
        proxy = "/api/v1/namespaces/" + namespace + "/services/" + agentId + ":http/proxy";
    }

    ProxyResponse send(String body) {
        return messages.sendAgentMessage(Events.api("sendAgentMessage").user(owner).agentId(agentId).body(body)
                .request());
    }

    ProxyResponse list(Map<String, String> query) {
        return messages.listAgentMessages(Events.api("listAgentMessages").user(owner).agentId(agentId).query(query)
                .request());
    }

    String token() {
        return vault.unsealAuthToken(agentId, store.find(agentId).orElseThrow().sealedAuthToken());
    }

    void noSession() {
        server.expect().get().withPath(proxy + "/api/messaging/sessions").andReturn(200, Map.of("sessions", List.of()))
                .once();
    }

    RecordedRequest next() throws InterruptedException {
        RecordedRequest request;
        do {
            request = server.getKubernetesMockServer().takeRequest(2, TimeUnit.SECONDS);
        } while (request != null && !request.getPath().startsWith(proxy));
        assertThat(request).as("a request through the service proxy").isNotNull();
        return request;
    }

    @Test
    void sendAgentMessage_opensTheUsersSessionAnswersTheAgentsReply_andKeepsTheReplyInTheConversation()
            throws Exception {
        noSession();
        server.expect().post().withPath(proxy + "/api/messaging/sessions")
                .andReturn(201, Map.of("sessionId", "session-1", "channelId", "channel-1")).once();
        server.expect().post().withPath(proxy + "/api/messaging/sessions/session-1/messages")
                .andReturn(201, "{\"success\":true,\"userMessage\":{\"id\":\"user-message-1\"},"
                        + "\"agentResponse\":{\"text\":\"Hi! I can help.\",\"actions\":[\"REPLY\"],"
                        + "\"thought\":\"greet\"}}").once();
        server.expect().post().withPath(proxy + "/api/messaging/submit").andReturn(201, "{\"success\":true}").once();
        while (server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // earlier tests' requests
        }

        ProxyResponse response = send("{\"content\": \"Hello!\\nWhat can you do?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.get("agentId").asText()).isEqualTo(agentId);
        assertThat(answer.get("userId").asText()).isEqualTo(owner);
        assertThat(answer.get("reply").get("text").asText()).isEqualTo("Hi! I can help.");
        assertThat(answer.get("reply").get("actions")).extracting(JsonNode::asText).containsExactly("REPLY");
        assertThat(answer.get("timestamp").asText()).matches(Responses.SECOND_TIMESTAMP);

        String token = token();
        RecordedRequest lookup = next();
        assertThat(lookup.getMethod()).isEqualTo("GET");
        assertThat(lookup.getHeader("X-API-KEY")).isEqualTo(token);
        RecordedRequest open = next();
        assertThat(open.getMethod()).isEqualTo("POST");
        assertThat(open.getPath()).isEqualTo(proxy + "/api/messaging/sessions");
        assertThat(open.getHeader("X-API-KEY")).isEqualTo(token);
        JsonNode session = Json.tree(open.getBody().readUtf8());
        assertThat(session.get("agentId").asText()).isEqualTo(ElizaIds.agent(agentId).toString());
        assertThat(session.get("userId").asText()).isEqualTo(ElizaIds.user(owner).toString());
        RecordedRequest message = next();
        assertThat(message.getPath()).isEqualTo(proxy + "/api/messaging/sessions/session-1/messages");
        assertThat(message.getHeader("X-API-KEY")).isEqualTo(token);
        JsonNode sent = Json.tree(message.getBody().readUtf8());
        assertThat(sent.get("content").asText()).isEqualTo("Hello!\nWhat can you do?");
        assertThat(sent.get("transport").asText()).isEqualTo("http");
        RecordedRequest kept = next();
        assertThat(kept.getPath()).isEqualTo(proxy + "/api/messaging/submit");
        assertThat(kept.getHeader("X-API-KEY")).isEqualTo(token);
        JsonNode reply = Json.tree(kept.getBody().readUtf8());
        assertThat(reply.get("channel_id").asText()).isEqualTo("channel-1");
        assertThat(reply.get("author_id").asText()).isEqualTo(ElizaIds.agent(agentId).toString());
        assertThat(reply.get("content").asText()).isEqualTo("Hi! I can help.");
        assertThat(reply.get("source_type").asText()).isEqualTo("agent_response");
        assertThat(reply.get("in_reply_to_message_id").asText()).isEqualTo("user-message-1");
    }

    @Test
    void sendAgentMessage_reusesTheUsersLiveSession_forTheGivenUserId() throws Exception {
        String elizaAgent = ElizaIds.agent(agentId).toString();
        server.expect().get().withPath(proxy + "/api/messaging/sessions").andReturn(200, Map.of("sessions", List.of(
                Map.of("sessionId", "other-user", "agentId", elizaAgent,
                        "userId", ElizaIds.user("someone").toString(), "lastActivity", "2026-12-03T12:00:00Z"),
                Map.of("sessionId", "older", "agentId", elizaAgent,
                        "userId", ElizaIds.user("bob@example.com").toString(),
                        "lastActivity", "2026-12-03T11:00:00Z"),
                Map.of("sessionId", "newest", "agentId", elizaAgent,
                        "userId", ElizaIds.user("bob@example.com").toString(),
                        "lastActivity", "2026-12-03T12:30:00Z")))).once();
        server.expect().post().withPath(proxy + "/api/messaging/sessions/newest/messages")
                .andReturn(201, "{\"success\":true,\"agentResponse\":{\"text\":\"again\",\"actions\":[]}}").once();

        ProxyResponse response = send("{\"content\": \"hi\", \"userId\": \"bob@example.com\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).get("userId").asText()).isEqualTo("bob@example.com");
        assertThat(body(response).get("reply").get("text").asText()).isEqualTo("again");
        assertThat(body(response).get("reply").get("actions")).isEmpty();
    }

    @Test
    void sendAgentMessage_refusesBadBodiesNamingTheFields() {
        assertThat(fields(send("{}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": \"\"}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": 42}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": \"" + "x".repeat(4001) + "\"}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": \"bell\\u0007\"}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": \"esc\\u001b[31m\"}"))).containsExactly("content");
        assertThat(fields(send("{\"content\": \"ok\", \"userId\": \"has space\"}"))).containsExactly("userId");
        assertThat(fields(send("{\"content\": \"ok\", \"userId\": \"" + "u".repeat(65) + "\"}")))
                .containsExactly("userId");
        assertThat(fields(send("{\"content\": \"ok\", \"role\": \"admin\"}"))).containsExactly("role");
        assertThat(fields(send("{\"userId\": 7}"))).containsExactlyInAnyOrder("content", "userId");
        error(send("[\"content\"]"), 400, "VALIDATION_ERROR");
        // 4000 characters (not UTF-16 units), tabs and line breaks are fine: validation passes, the agent is asked
        noSession();
        server.expect().post().withPath(proxy + "/api/messaging/sessions").andReturn(500, "{}").once();
        error(send("{\"content\": \"" + "\uD83D\uDE00".repeat(3999) + "\\t\"}"), 503, "SERVICE_UNAVAILABLE");
    }

    @Test
    void anotherOwnersAgentOrAMissingOneIsNotFound() {
        ProxyResponse stranger = messages.sendAgentMessage(Events.api("sendAgentMessage").user("user-stranger")
                .agentId(agentId).body("{\"content\": \"hi\"}").request());
        error(stranger, 404, "AGENT_NOT_FOUND");
        ProxyResponse missing = messages.listAgentMessages(Events.api("listAgentMessages").user(owner)
                .agentId("agent-doesnotexist").request());
        error(missing, 404, "AGENT_NOT_FOUND");
    }

    @Test
    void aViewerMayNotTalkToAnAgent() {
        ProxyResponse viewer = messages.sendAgentMessage(Events.api("sendAgentMessage").viewer(owner)
                .agentId(agentId).body("{\"content\": \"hi\"}").request());
        error(viewer, 403, "INSUFFICIENT_PERMISSIONS");
        error(messages.listAgentMessages(Events.api("listAgentMessages").viewer(owner).agentId(agentId).request()),
                403, "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void anAgentThatIsNotRunningIsAConflictSayingItsStatus() {
        store.recordObserved(agentId, 1, AgentStatus.STOPPED, 0, null, null);

        JsonNode error = error(send("{\"content\": \"hi\"}"), 409, "CONFLICT");
        assertThat(error.get("message").asText()).contains("not running").contains("STOPPED");
        error(list(Map.of()), 409, "CONFLICT");
    }

    @Test
    void noReadyPodBehindTheServiceIsAConflict() {
        server.expect().get().withPath(proxy + "/api/messaging/sessions").andReturn(503,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                        + "\"no endpoints available for service \\\"" + agentId + "\\\"\",\"reason\":"
                        + "\"ServiceUnavailable\",\"code\":503}").once();

        JsonNode error = error(send("{\"content\": \"hi\"}"), 409, "CONFLICT");
        assertThat(error.get("message").asText()).contains("not running").contains("ready");
    }

    @Test
    void anAgentErrorIsServiceUnavailable() {
        noSession();
        server.expect().post().withPath(proxy + "/api/messaging/sessions").andReturn(201, Map.of("sessionId", "s"))
                .once();
        server.expect().post().withPath(proxy + "/api/messaging/sessions/s/messages")
                .andReturn(500, "{\"success\":false,\"error\":\"Failed to process message in HTTP transport\"}").once();

        JsonNode error = error(send("{\"content\": \"hi\"}"), 503, "SERVICE_UNAVAILABLE");
        assertThat(error.get("message").asText()).contains(agentId).contains("500");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAGatewayTimeout_andTheTokenIsInNoAnswerAndNoLogLine() {
        try (LogCapture log = LogCapture.start()) {
            server.expect().get().delay(6, TimeUnit.SECONDS).withPath(proxy + "/api/messaging/sessions")
                    .andReturn(200, Map.of("sessions", List.of())).once();

            ProxyResponse timedOut = send("{\"content\": \"hi\"}");
            JsonNode error = error(timedOut, 504, "GATEWAY_TIMEOUT");
            assertThat(error.get("message").asText()).contains(agentId).contains("did not answer within 3 seconds");

            noSession();
            ProxyResponse empty = list(Map.of());
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
            String token = token();
            assertThat(timedOut.toString()).doesNotContain(token);
            assertThat(empty.toString()).doesNotContain(token);
            assertThat(log.lines()).isNotEmpty();
            assertThat(log.text()).contains(agentId).doesNotContain(token);
        }
    }

    @Test
    void listAgentMessages_readsTheSessionsChannel_bothSides_theLastLimitOldestFirst() {
        String elizaAgent = ElizaIds.agent(agentId).toString();
        server.expect().get().withPath(proxy + "/api/messaging/sessions").andReturn(200, Map.of("sessions", List.of(
                Map.of("sessionId", "s-7", "agentId", elizaAgent, "userId", ElizaIds.user(owner).toString(),
                        "lastActivity", "2026-12-03T12:00:00Z")))).once();
        server.expect().get().withPath(proxy + "/api/messaging/sessions/s-7/messages?limit=2").andReturn(200,
                "{\"messages\":[{\"id\":\"m3\",\"content\":\"Sure.\",\"isAgent\":true,\"createdAt\":"
                        + "\"2026-12-03T12:00:02.500Z\"},{\"id\":\"m2\",\"content\":\"Help me\",\"isAgent\":false,"
                        + "\"createdAt\":\"2026-12-03T12:00:01Z\"}],\"hasMore\":true}").once();

        ProxyResponse response = list(Map.of("limit", "2"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.get("agentId").asText()).isEqualTo(agentId);
        assertThat(answer.get("userId").asText()).isEqualTo(owner);
        assertThat(answer.get("messages")).extracting(m -> m.get("role").asText() + ":" + m.get("text").asText())
                .containsExactly("user:Help me", "agent:Sure.");
        assertThat(answer.get("messages").get(1).get("timestamp").asText()).matches(Responses.SECOND_TIMESTAMP);
    }

    @Test
    void listAgentMessages_withoutASessionIsAnEmptyConversation_andBadQueriesNameTheParameter() {
        noSession();
        ProxyResponse response = list(Map.of("userId", "carol"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).get("userId").asText()).isEqualTo("carol");
        assertThat(body(response).get("messages")).isEmpty();

        assertThat(fields(list(Map.of("limit", "0")))).containsExactly("limit");
        assertThat(fields(list(Map.of("limit", "101")))).containsExactly("limit");
        assertThat(fields(list(Map.of("limit", "ten")))).containsExactly("limit");
        assertThat(fields(list(Map.of("userId", "a/b")))).containsExactly("userId");
    }
}
