package io.agentlaunchpad.security;

import java.util.List;
import java.util.Map;

/** Port: the security event log. Recording never fails the request that caused it. */
public interface SecurityEvents {

    /** One event, one record. */
    void record(String type, String severity, String owner, String agentId, String message,
                Map<String, Object> details);

    /**
     * An event a retried step may report again (a deploy redelivered by SQS): every report with the same
     * {@code eventId} ends as one record.
     */
    void recordOnce(String eventId, String type, String severity, String owner, String agentId, String message,
                    Map<String, Object> details);

    /**
     * Occurrences with the same type, owner and {@code aggregateKey} within one minute become one record whose
     * {@code count} grows: a flood of bad requests costs one item per minute, not one per request.
     */
    void recordAggregated(String type, String severity, String owner, String aggregateKey, String message,
                          Map<String, Object> details);

    /** The owner's events, newest first. */
    List<SecurityEvent> recent(String owner, int limit);
}
