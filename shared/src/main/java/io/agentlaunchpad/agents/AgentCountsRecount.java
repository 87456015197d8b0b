package io.agentlaunchpad.agents;

/**
 * Port: the {@link AgentCounts} built once from the agents themselves, for a store filled before the counts existed
 * (or whose counts an operator asked to rebuild). Run by the scheduled reconciler; at most one run at a time.
 */
public interface AgentCountsRecount {

    /** @return how many agents were counted, or -1 when the counts were already built (or another run has it) */
    long ifNeverCounted();
}
