package io.agentlaunchpad.sdk;

import java.time.Instant;
import java.util.List;

/**
 * The last messages of one user's conversation with an agent ({@link Agents#listMessages}), oldest first, as the
 * agent keeps them. {@code requestId} is the answer's {@code X-Request-Id}.
 */
public record Conversation(String agentId, String userId, List<Message> messages, String requestId) {

    /** {@code role} is {@code user} (what the user said) or {@code agent} (what the agent answered). */
    public record Message(String role, String text, Instant timestamp) {

        public boolean fromAgent() {
            return "agent".equals(role);
        }
    }

    static Conversation of(ApiObject answer) {
        List<Message> messages = answer.objects("messages").stream()
                .map(m -> new Message(m.string("role"), m.string("text"), AgentReply.instant(m.string("timestamp"))))
                .toList();
        return new Conversation(answer.string("agentId"), answer.string("userId"), messages, answer.requestId());
    }
}
