package io.agentlaunchpad.events;

import java.util.List;

/** Port: where security and ops events are recorded. */
public interface SecurityEvents {

    /** Records the event; recording the same id twice keeps one (a retried deploy does not duplicate it). */
    void record(SecurityEvent event);

    /** Newest first. */
    List<SecurityEvent> recent(int limit);
}
