package io.agentlaunchpad.sdk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An agent's reply to one message ({@link Agents#sendMessage}): {@code reply.text()} is empty when the agent chose
 * not to answer; {@code reply.actions()} is what it decided to do, e.g. {@code REPLY}. {@code requestId} is the
 * answer's {@code X-Request-Id}.
 */
public record AgentReply(String agentId, String userId, Reply reply, Instant timestamp, String requestId) {

    public record Reply(String text, List<String> actions) {
    }

    static AgentReply of(ApiObject answer) {
        ApiObject reply = answer.object("reply");
        return new AgentReply(answer.string("agentId"), answer.string("userId"),
                new Reply(reply.string("text"), strings(reply.get("actions"))), instant(answer.string("timestamp")),
                answer.requestId());
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** An RFC 3339 date-time, {@code Z} or an offset; null stays null. */
    static Instant instant(String value) {
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }
}
