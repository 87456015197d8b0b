package io.agentlaunchpad.keys;

import io.agentlaunchpad.access.Role;

import java.time.Instant;

/**
 * What is kept of an API key: its hash, never the key. {@code parentKeyId}: the key that minted it (null when a
 * Bearer token or the bootstrap did); {@code childKeyIds}: the keys it minted, revoked with it.
 */
public record ApiKey(String keyHash, String keyId, String owner, String username, Role role, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, boolean revoked, Instant revokedAt,
                     String gatewayKeyId, String parentKeyId, java.util.Set<String> childKeyIds) {

    public boolean active(Instant now) {
        return !revoked && !expired(now);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
