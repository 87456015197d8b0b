package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.keys.ApiKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warm authorizer's memory of the keys it has read, by key hash, for a short time: the key lookup leaves the
 * request's critical path, since API Gateway's own result cache cannot be used (with a cache every identity source
 * becomes mandatory, and a caller sends {@code X-API-Key} or {@code Authorization}, not both).
 *
 * <p>The trade-off: a key revoked while remembered is still let through here until its entry is {@code ttl} old.
 * That is safe only because every route counts the request against the key's rate windows with a write conditional
 * on the key not being revoked ({@code DynamoRateLimiter}), which refuses it on the very next request; so the cache
 * is used only while rate limits are on. Expiry is checked against the clock on every hit; unknown and revoked keys
 * are never remembered. Memory is bounded: past {@link #MAX_ENTRIES} it starts afresh.
 */
final class KeyCache {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(ApiKey key, Instant until) {
    }

    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    KeyCache(Duration ttl) {
        this.ttl = ttl;
    }

    Optional<ApiKey> find(String keyHash, Instant now) {
        Entry entry = ttl.isZero() ? null : entries.get(keyHash);
        if (entry == null || !entry.until().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    void remember(ApiKey key, Instant now) {
        if (ttl.isZero() || key.revoked()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key.keyHash(), new Entry(key, now.plus(ttl)));
    }

    /** The remembered key was used at {@code at} (written to its record): the next write is due an interval later. */
    void usedAt(String keyHash, Instant at) {
        entries.computeIfPresent(keyHash, (hash, e) -> new Entry(new ApiKey(e.key().keyHash(), e.key().keyId(),
                e.key().owner(), e.key().username(), e.key().role(), e.key().createdAt(), e.key().expiresAt(), at,
                e.key().revoked(), e.key().revokedAt(), e.key().gatewayKeyId(), e.key().parentKeyId(),
                e.key().childKeyIds()), e.until()));
    }
}
