package io.agentlaunchpad.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * One security event as {@code GET /api/security/events} shows it; {@code type} is a {@link SecurityEventType}'s
 * name, kept as read (an event recorded by a newer version may carry a type this one does not know). {@code owner} is the user it concerns
 * ({@value #SYSTEM} when none is known); {@code count} is how many occurrences an aggregated event stands for.
 */
@RegisterForReflection
public record SecurityEvent(String id, String type, String severity, String owner, String agentId, String message,
                            Instant timestamp, Map<String, Object> details, long count) {

    public static final String SYSTEM = "system";

    public static final String LOW = "LOW";
    public static final String MEDIUM = "MEDIUM";
    public static final String HIGH = "HIGH";
}
