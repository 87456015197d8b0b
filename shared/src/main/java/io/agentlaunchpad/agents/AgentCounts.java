package io.agentlaunchpad.agents;

/**
 * Port: how many agents an owner has, by status and in all, and the same for every owner together: the
 * {@code total} of {@code GET /api/agents}, read as one item instead of counted over the owner's agents. Kept by the
 * agent store's conditional writes, each reporting the transition it made once (a racing or redelivered write of the
 * same transition changes nothing and reports nothing).
 */
public interface AgentCounts {

    /** {@code from} null: {@code owner}'s agent was created; {@code to} null: it was removed. */
    void transition(String owner, AgentStatus from, AgentStatus to);

    /** {@code owner} null: every owner's; {@code status} null: every status's. */
    long count(String owner, AgentStatus status);
}
