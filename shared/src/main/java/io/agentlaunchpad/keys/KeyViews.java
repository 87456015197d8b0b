package io.agentlaunchpad.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Response bodies of the key routes. Only {@link Created} ever carries a key, once. */
public final class KeyViews {

    private KeyViews() {
    }

    @RegisterForReflection
    public record Created(String apiKey, String keyId, String expiresAt) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(String keyId, String role, String createdAt, String expiresAt, String lastUsedAt,
                          boolean revoked, String revokedAt, boolean expired) {
    }

    @RegisterForReflection
    public record Listing(List<Summary> keys, int total) {
    }

    @RegisterForReflection
    /** {@code revokedDescendants}: the keys this key minted (and theirs), revoked with it. */
    public record Revoked(String keyId, boolean revoked, String revokedAt, java.util.List<String> revokedDescendants) {
    }
}
