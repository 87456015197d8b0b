package io.agentlaunchpad.timeline;

/**
 * Port: each agent's rollout timeline, written by the api (a change queued) and the deployer (what it did and saw)
 * as they work. Bounded per agent and expiring; it outlives the agent until it expires.
 */
public interface AgentTimeline {

    /** Appends the entry unless it repeats the agent's last one. @return whether it was recorded */
    boolean append(TimelineEntry entry);

    /** Newest first, {@code limit} at most, after the entry whose key is {@code afterKey} (null: from the newest). */
    TimelinePage page(String agentId, int limit, String afterKey);
}
