package io.agentlaunchpad.access;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller, as the REQUEST authorizer put it into {@code requestContext.authorizer}. API Gateway passes context
 * values as strings, so permissions travel as one comma-separated string.
 */
public record Principal(String userId, String username, String role, Set<String> permissions, String keyId) {

    public static final String ADMIN = "ADMIN";

    public static Principal fromAuthorizerContext(Map<String, Object> context) {
        String userId = text(context.get("userId"));
        if (userId == null) {
            userId = text(context.get("principalId"));
        }
        String role = text(context.get("role"));
        if (userId == null || role == null) {
            return null;
        }
        String permissions = text(context.get("permissions"));
        Set<String> set = permissions == null ? Set.of()
                : Arrays.stream(permissions.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new Principal(userId, text(context.get("username")), role, set, text(context.get("keyId")));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** {@code agents:read} is granted by {@code agents:read}, {@code agents:*} or {@code *}. */
    public boolean can(String permission) {
        if (permission == null || permissions.contains("*") || permissions.contains(permission)) {
            return true;
        }
        int colon = permission.indexOf(':');
        return colon > 0 && permissions.contains(permission.substring(0, colon) + ":*");
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
