package io.agentlaunchpad.keys;

import io.agentlaunchpad.identity.Role;

import java.time.Instant;

/** What is kept of an API key: its hash, never the key. */
public record ApiKey(String keyHash, String keyId, String owner, String username, Role role, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, boolean revoked, Instant revokedAt,
                     String gatewayKeyId) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
