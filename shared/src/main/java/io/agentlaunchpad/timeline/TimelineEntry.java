package io.agentlaunchpad.timeline;

import java.time.Instant;

/**
 * One step of an agent's rollout timeline. {@code revision} is the agent's generation the step belongs to;
 * {@code owner} is kept so the timeline can still be shown to its owner after the agent itself is deleted.
 */
public record TimelineEntry(String agentId, String owner, long revision, TimelineType type, String message,
                            Instant at, String id) {

    /** Two entries saying the same thing about the same revision: the second is not recorded. */
    public String fingerprint() {
        return revision + "|" + type + "|" + message;
    }
}
