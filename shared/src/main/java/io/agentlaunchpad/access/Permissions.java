package io.agentlaunchpad.access;

/**
 * Permissions in the API reference's {@code resource:action} style. A role grants a set of them; a grant of
 * {@code resource:*} covers every action on that resource.
 */
public final class Permissions {

    public static final String AGENTS_CREATE = "agents:create";
    public static final String AGENTS_READ = "agents:read";
    public static final String AGENTS_UPDATE = "agents:update";
    public static final String AGENTS_DELETE = "agents:delete";
    /**
     * Talking to a running agent: apart from {@code agents:update}, so a role can be given conversations without
     * the power to change or scale the agent. USER has it through {@code agents:*}, VIEWER does not.
     */
    public static final String AGENTS_MESSAGE = "agents:message";
    public static final String KEYS_CREATE = "keys:create";
    public static final String KEYS_READ = "keys:read";
    public static final String KEYS_REVOKE = "keys:revoke";
    public static final String SECURITY_SCAN = "security:scan";
    public static final String SECURITY_READ = "security:read";
    public static final String HEALTH_READ = "health:read";
    public static final String SYSTEM_READ = "system:read";
    public static final String PROFILE_READ = "profile:read";
    public static final String PROFILE_UPDATE = "profile:update";
    /** Linking a token identity to an existing user: only ADMIN holds it (through {@code *}). */
    public static final String USERS_LINK = "users:link";

    private Permissions() {
    }
}
