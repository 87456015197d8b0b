package io.agentlaunchpad.access;


import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three roles and the permissions each grants, in the API reference's {@code resource:action} style. This is the
 * one place the mapping lives: the authorizer emits these permissions and the profile shows them.
 * A role ranks above another when it can do everything the other can.
 */
public enum Role {
    VIEWER(List.of(Permissions.AGENTS_READ, Permissions.SECURITY_READ, Permissions.HEALTH_READ,
            Permissions.PROFILE_READ)),
    USER(List.of("agents:*", Permissions.KEYS_CREATE, Permissions.KEYS_READ, Permissions.KEYS_REVOKE,
            Permissions.SECURITY_SCAN, Permissions.SECURITY_READ, Permissions.HEALTH_READ, "profile:*")),
    /** Everything, spelled out for the profile as the seed shows it; {@code *} is what the check uses. */
    ADMIN(List.of("*", "agents:*", "keys:*", "security:*", "health:*", "system:*", "users:*", "profile:*"));

    private final List<String> permissions;

    Role(List<String> permissions) {
        this.permissions = permissions;
    }

    public List<String> permissions() {
        return permissions;
    }

    /** As the authorizer context carries them: one comma-separated string. */
    public String permissionsText() {
        return String.join(",", permissions);
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
