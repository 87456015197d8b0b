package io.agentlaunchpad.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** A security or ops event, field for field as {@code GET /api/security/events} shows it. */
@RegisterForReflection
public record SecurityEvent(String id, String type, String severity, String agentId, String message, String timestamp,
                            Map<String, String> details) {
}
