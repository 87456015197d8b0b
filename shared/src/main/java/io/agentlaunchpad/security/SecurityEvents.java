package io.agentlaunchpad.security;

import java.util.List;
import java.util.Map;

/** Port: the security event log. Recording never fails the request that caused it. */
public interface SecurityEvents {

    /** One event, one record. */
    void record(SecurityEventType type, String severity, String owner, String agentId, String message,
                Map<String, Object> details);

    /**
     * An event a retried step may report again (a deploy redelivered by SQS): every report with the same
     * {@code eventId} ends as one record.
     */
    void recordOnce(String eventId, SecurityEventType type, String severity, String owner, String agentId, String message,
                    Map<String, Object> details);

    /**
     * Occurrences with the same type, owner and {@code aggregateKey} within one minute become one record whose
     * {@code count} grows: a flood of bad requests costs one item per minute, not one per request.
     */
    void recordAggregated(SecurityEventType type, String severity, String owner, String aggregateKey, String message,
                          Map<String, Object> details);

    /** The owner's events, newest first. */
    List<SecurityEvent> recent(String owner, int limit);

    /**
     * One page of events, newest first: an owner's ({@code owner} non-null) or everyone's (null), optionally only of
     * one severity and not older than {@code since}, continuing after {@code after} (a {@link SecurityEventPage#last()}).
     */
    SecurityEventPage page(String owner, String severity, java.time.Instant since, int limit,
                           java.util.Map<String, String> after);

    /** How many events {@link #page} would list in all, over every page. */
    long count(String owner, String severity, java.time.Instant since);
}
