package io.agentlaunchpad.agents;

/**
 * A page request over the agents, newest first. {@code owner} and {@code status} filter when not null;
 * {@code after} is the position a previous page ended at (an opaque cursor from {@link AgentPage#next()}).
 */
public record AgentQuery(String owner, AgentStatus status, int limit, int offset, AgentCursor after) {
}
