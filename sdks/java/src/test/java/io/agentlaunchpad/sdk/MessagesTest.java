package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sendMessage and listMessages against a peer server: the request, the refusals, the arguments refused up front. */
class MessagesTest extends WithPeer {

    private static final Answer REPLY = Answer.json(200, "{\"agentId\":\"agent-1\",\"userId\":\"user-7\","
            + "\"reply\":{\"text\":\"Hi!\",\"actions\":[\"REPLY\"]},\"timestamp\":\"2026-12-03T14:00:00Z\"}");
    private static final Answer CONVERSATION = Answer.json(200, "{\"agentId\":\"agent-1\",\"userId\":\"user-7\","
            + "\"messages\":[{\"role\":\"user\",\"text\":\"Hello\",\"timestamp\":\"2026-12-03T14:00:00Z\"},"
            + "{\"role\":\"agent\",\"text\":\"Hi!\",\"timestamp\":\"2026-12-03T14:00:01.250+01:00\"}]}");

    @Test
    void sendMessage_postsContentAndUserIdAsJson_andReadsTheReply() {
        peer.answer(REPLY);

        AgentReply reply = client.agents().sendMessage("agent 1", "Hello\nthere", "user-7");

        assertThat(reply).isEqualTo(new AgentReply("agent-1", "user-7", new AgentReply.Reply("Hi!", List.of("REPLY")),
                Instant.parse("2026-12-03T14:00:00Z"), reply.requestId()));
        assertThat(reply.requestId()).startsWith("req-");
        Peer.Seen req = peer.requests.get(0);
        assertThat(req.method() + " " + req.path()).isEqualTo("POST /api/agents/agent%201/messages");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(req.header("X-API-Key")).isEqualTo("alk_test");
        assertThat(req.header("Idempotency-Key")).isNull();
        assertThat(Json.parse(req.body())).isEqualTo(Map.of("content", "Hello\nthere", "userId", "user-7"));
    }

    @Test
    void sendMessage_withoutUserId_leavesItToTheApi() {
        peer.answer(REPLY);
        client.agents().sendMessage("agent-1", "Hello");
        assertThat(Json.parse(peer.requests.get(0).body())).isEqualTo(Map.of("content", "Hello"));
    }

    @Test
    void listMessages_sendsLimitAndUserIdAsTheQuery_andReadsTheConversation() {
        peer.answer(CONVERSATION, CONVERSATION);

        Conversation conversation = client.agents().listMessages("agent-1", 5, "user-7");
        client.agents().listMessages("agent-1");

        assertThat(conversation.messages()).containsExactly(
                new Conversation.Message("user", "Hello", Instant.parse("2026-12-03T14:00:00Z")),
                new Conversation.Message("agent", "Hi!", Instant.parse("2026-12-03T13:00:01.250Z")));
        assertThat(conversation.messages().get(1).fromAgent()).isTrue();
        assertThat(peer.requests).extracting(r -> r.method() + " " + r.path() + " " + r.query()).containsExactly(
                "GET /api/agents/agent-1/messages {limit=5, userId=user-7}", "GET /api/agents/agent-1/messages {}");
    }

    @Test
    void anAgentNotRunning_isAConflictException_notRetried() {
        peer.always(Answer.error(409, "CONFLICT", Map.of()));

        assertThatThrownBy(() -> client.agents().sendMessage("agent-1", "Hello"))
                .isInstanceOfSatisfying(ApiException.ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFLICT");
                    assertThat(e.status()).isEqualTo(409);
                });
        assertThat(peer.requests).hasSize(1);
        assertThatThrownBy(() -> client.agents().listMessages("agent-1"))
                .isInstanceOf(ApiException.ConflictException.class);
    }

    @Test
    void noReplyInTime_isAServerExceptionGatewayTimeout_andASendIsNotRepeated() {
        peer.always(Answer.error(504, "GATEWAY_TIMEOUT", Map.of()));

        assertThatThrownBy(() -> client.agents().sendMessage("agent-1", "Hello"))
                .isInstanceOfSatisfying(ApiException.ServerException.class, e -> {
                    assertThat(e.code()).isEqualTo("GATEWAY_TIMEOUT");
                    assertThat(e.status()).isEqualTo(504);
                    assertThat(e.requestId()).startsWith("req-");
                });
        assertThat(peer.requests).as("a message sent twice would be two messages").hasSize(1);
    }

    @Test
    void listMessages_isARead_retriedOn504LikeEveryGet() {
        peer.always(Answer.error(504, "GATEWAY_TIMEOUT", Map.of()));
        assertThatThrownBy(() -> client.agents().listMessages("agent-1", null, null,
                RequestOptions.none().withMaxRetries(1))).isInstanceOf(ApiException.ServerException.class);
        assertThat(peer.requests).hasSize(2);
    }

    @Test
    void badArguments_areRefusedBeforeAnyRequest_namingTheField() {
        Agents agents = client.agents();
        Map<String, List<Executable>> cases = Map.of(
                "agentId", List.of(() -> agents.sendMessage("", "hi"), () -> agents.sendMessage(null, "hi"),
                        () -> agents.listMessages(null)),
                "content", List.of(() -> agents.sendMessage("agent-1", ""), () -> agents.sendMessage("agent-1", null),
                        () -> agents.sendMessage("agent-1", "a".repeat(4001)),
                        () -> agents.sendMessage("agent-1", "bell\u0007"),
                        () -> agents.sendMessage("agent-1", "esc\u001b[2J"),
                        () -> agents.sendMessage("agent-1", "del\u007f"),
                        () -> agents.sendMessage("agent-1", "c1\u0085")),
                "userId", List.of(() -> agents.sendMessage("agent-1", "hi", "has space"),
                        () -> agents.sendMessage("agent-1", "hi", "u".repeat(65)),
                        () -> agents.sendMessage("agent-1", "hi", ""),
                        () -> agents.listMessages("agent-1", null, "a/b")),
                "limit", List.of(() -> agents.listMessages("agent-1", 0, null),
                        () -> agents.listMessages("agent-1", 101, null)));
        cases.forEach((field, calls) -> calls.forEach(call -> assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(ApiException.ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.status()).isZero();
                    assertThat(e.fieldErrors()).extracting(ApiException.FieldError::field).containsExactly(field);
                })));
        assertThat(peer.requests).isEmpty();
    }

    @Test
    void theLimitsAreInclusive() {
        peer.always(REPLY);
        client.agents().sendMessage("agent-1", "\uD83E\uDD16".repeat(4000)); // 4000 characters (code points)
        client.agents().sendMessage("agent-1", "a\tb\r\nc", "u".repeat(60) + ".@_-");
        peer.always(CONVERSATION);
        client.agents().listMessages("agent-1", 1, null);
        client.agents().listMessages("agent-1", 100, null);
        assertThat(peer.requests).hasSize(4);
    }
}
