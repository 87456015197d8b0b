package io.agentlaunchpad.identity;

import io.agentlaunchpad.access.Role;
import java.time.Instant;

/**
 * A person (or service) that holds keys and owns agents. {@code userId} is derived from the username (or from a
 * token's issuer and subject). A token identity an admin linked to an existing user carries that user's id and name
 * in {@code linkedTo} and {@code linkedUsername}, so the authorizer resolves the link with the read it makes anyway.
 */
public record User(String userId, String username, String email, Role role, boolean emailNotifications,
                   boolean slackNotifications, Instant createdAt, Instant lastLogin, String linkedTo,
                   String linkedUsername) {

    public User(String userId, String username, String email, Role role, boolean emailNotifications,
                boolean slackNotifications, Instant createdAt, Instant lastLogin) {
        this(userId, username, email, role, emailNotifications, slackNotifications, createdAt, lastLogin, null, null);
    }

    public User withLastLogin(Instant when) {
        return new User(userId, username, email, role, emailNotifications, slackNotifications, createdAt, when,
                linkedTo, linkedUsername);
    }
}
