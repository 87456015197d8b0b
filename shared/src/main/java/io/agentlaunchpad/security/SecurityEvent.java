package io.agentlaunchpad.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * One security event as {@code GET /api/security/events} shows it. {@code owner} is the user it concerns
 * ({@value #SYSTEM} when none is known); {@code count} is how many occurrences an aggregated event stands for.
 */
@RegisterForReflection
public record SecurityEvent(String id, String type, String severity, String owner, String agentId, String message,
                            Instant timestamp, Map<String, Object> details, long count) {

    public static final String SYSTEM = "system";

    public static final String KEY_CREATED = "API_KEY_CREATED";
    public static final String KEY_REVOKED = "API_KEY_REVOKED";
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String RATE_LIMITED = "RATE_LIMITED";

    public static final String LOW = "LOW";
    public static final String MEDIUM = "MEDIUM";
    public static final String HIGH = "HIGH";
}
