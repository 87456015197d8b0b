package io.agentlaunchpad.messages;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What the messages routes answer. */
public final class MessageViews {

    private MessageViews() {
    }

    @RegisterForReflection
    public record ReplyContent(String text, List<String> actions) {
    }

    @RegisterForReflection
    public record Sent(String agentId, String userId, ReplyContent reply, String timestamp) {
    }

    @RegisterForReflection
    public record Message(String role, String text, String timestamp) {
    }

    @RegisterForReflection
    public record Conversation(String agentId, String userId, List<Message> messages) {
    }
}
