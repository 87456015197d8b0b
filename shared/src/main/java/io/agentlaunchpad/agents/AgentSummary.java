package io.agentlaunchpad.agents;

import java.time.Instant;

/** What a list shows of an agent (the attributes the list indexes project). */
public record AgentSummary(String agentId, String name, AgentStatus status, String owner, Instant createdAt) {
}
