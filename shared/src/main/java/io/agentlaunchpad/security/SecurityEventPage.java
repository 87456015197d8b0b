package io.agentlaunchpad.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** A page of security events and, when more may follow, the key of its last event to continue after. */
@RegisterForReflection
public record SecurityEventPage(List<SecurityEvent> events, Map<String, String> last) {
}
