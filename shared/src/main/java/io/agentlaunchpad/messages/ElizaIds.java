package io.agentlaunchpad.messages;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Platform ids as ElizaOS wants them (UUIDs), name-based: the deployer writing an agent's character and the messages
 * service calling the agent derive the same ones.
 */
public final class ElizaIds {

    private ElizaIds() {
    }

    /** The agent's id inside ElizaOS (the character's {@code id}). */
    public static UUID agent(String agentId) {
        return UUID.nameUUIDFromBytes(("agent-launchpad/agent/" + agentId).getBytes(StandardCharsets.UTF_8));
    }

    /** A platform user as an ElizaOS entity: one conversation per user with each agent. */
    public static UUID user(String userId) {
        return UUID.nameUUIDFromBytes(("agent-launchpad/user/" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
