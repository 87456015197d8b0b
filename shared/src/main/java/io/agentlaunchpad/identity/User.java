package io.agentlaunchpad.identity;

import io.agentlaunchpad.access.Role;
import java.time.Instant;

/** A person (or service) that holds keys and owns agents. {@code userId} is derived from the username. */
public record User(String userId, String username, String email, Role role, boolean emailNotifications,
                   boolean slackNotifications, Instant createdAt, Instant lastLogin) {

    public User withLastLogin(Instant when) {
        return new User(userId, username, email, role, emailNotifications, slackNotifications, createdAt, when);
    }
}
