package io.agentlaunchpad.security;

import java.util.List;
import java.util.Map;

/** A page of security events and, when more may follow, the key of its last event to continue after. */
public record SecurityEventPage(List<SecurityEvent> events, Map<String, String> last) {
}
