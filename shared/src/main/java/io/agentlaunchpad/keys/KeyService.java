package io.agentlaunchpad.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.json.BodyReader;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.limits.RateLimiter;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * Minting, listing and revoking API keys. A key is shown once, kept as its hash, registered on its role's usage
 * plan, and revoked everywhere it is honoured: the key item (the authorizer), the counters item (the functions, even
 * while API Gateway caches the authorizer's answer) and the usage plan (the edge).
 */
@ApplicationScoped
public class KeyService {

    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern KEY_ID = Pattern.compile("^key_[0-9a-f]{8,32}$");
    private static final JsonLog LOG = JsonLog.of("keys");

    private final KeyStore keys;
    private final UserStore users;
    private final UsagePlans usagePlans;
    private final RateLimiter rateLimiter;
    private final SecurityEvents events;
    private final LaunchpadConfig.Keys settings;
    private final Clock clock;

    public KeyService(KeyStore keys, UserStore users, UsagePlans usagePlans, RateLimiter rateLimiter,
                      SecurityEvents events, LaunchpadConfig config, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.usagePlans = usagePlans;
        this.rateLimiter = rateLimiter;
        this.events = events;
        this.settings = config.keys();
        this.clock = clock;
    }

    public KeyViews.Created generate(Principal caller, JsonNode body) {
        BodyReader reader = new BodyReader();
        reader.onlyFields(body, "", Set.of("username", "email", "role", "expiresInDays"));
        String username = reader.string(body, "username", "username", false, 128);
        String email = reader.string(body, "email", "email", false, 254);
        String roleText = reader.string(body, "role", "role", false, 16);
        Integer days = reader.integer(body, "expiresInDays", "expiresInDays", false, 1, settings.maxExpiryDays());
        if (username != null && !UserIds.USERNAME.matcher(username).matches()) {
            reader.reject("username", "must be 1 to 128 letters, digits and . _ @ -, starting with a letter or digit");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            reader.reject("email", "must be an email address");
        }
        Role callerRole = Role.parse(caller.role()).orElse(Role.VIEWER);
        Role role = roleText == null ? callerRole : Role.parse(roleText).orElse(null);
        if (role == null) {
            reader.reject("role", "must be one of ADMIN, USER, VIEWER");
        }
        reader.throwIfInvalid();

        boolean forSelf = username == null || username.equalsIgnoreCase(caller.username());
        if (!caller.isAdmin()) {
            if (!forSelf) {
                throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "Only admins may create keys for other users");
            }
            if (!callerRole.atLeast(role)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "A " + callerRole + " may not create a key with role " + role);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String owner = forSelf ? caller.userId() : apiKeyUserId(username);
        String name = forSelf ? (caller.username() == null ? caller.userId() : caller.username()) : username;
        User user = users.createIfAbsent(new User(owner, name, email, role, false, false, now, null));
        if (email != null && !email.equals(user.email())) {
            users.updateContact(owner, email, null, null);
        }

        long active = keys.listByOwner(owner).stream().filter(k -> k.active(now)).count();
        if (active >= settings.maxActivePerUser()) {
            throw new ApiException(ErrorCode.RESOURCE_LIMIT_EXCEEDED, "The user already holds " + active
                    + " active API keys, the most allowed; revoke one first",
                    Map.of("quota", "activeKeys", "limit", settings.maxActivePerUser(), "current", active,
                            "requested", 1));
        }
        // A key minted with a key never outlives it, and is revoked with it.
        ApiKey parent = caller.keyId() == null ? null : keys.findByKeyId(caller.keyId()).orElse(null);
        String apiKey = ApiKeys.newKey();
        String keyHash = ApiKeys.hash(apiKey);
        String keyId = ApiKeys.newKeyId();
        Instant expiresAt = now.plus(Duration.ofDays(days == null ? settings.defaultExpiryDays() : days));
        if (parent != null && parent.expiresAt().isBefore(expiresAt)) {
            expiresAt = parent.expiresAt();
        }
        if (parent != null) {
            // Recorded on the parent first: a child the parent does not know of could survive its revocation.
            keys.addChild(parent.keyHash(), keyId);
        }
        keys.create(new ApiKey(keyHash, keyId, owner, name, role, now, expiresAt, null, false, null, null,
                parent == null ? null : parent.keyId(), Set.of()));
        String gatewayKeyId;
        try {
            gatewayKeyId = usagePlans.register(keyId, apiKey, role);
        } catch (RuntimeException e) {
            // A key API Gateway does not know would be refused at the edge: take it back.
            keys.revoke(keyHash, now);
            LOG.error("key not registered with the usage plan", Map.of("keyId", keyId), e);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The key could not be registered; retry shortly");
        }
        keys.recordGatewayKey(keyHash, gatewayKeyId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", keyId);
        details.put("role", role.name());
        details.put("createdBy", caller.userId());
        if (parent != null) {
            details.put("parentKeyId", parent.keyId());
        }
        details.put("expiresAt", timestamp(expiresAt));
        events.record(SecurityEventType.API_KEY_CREATED, SecurityEvent.LOW, owner, null,
                "API key " + keyId + " created for " + name, details);
        LOG.info("key created", Map.of("keyId", keyId, "owner", owner, "role", role.name()));
        return new KeyViews.Created(apiKey, keyId, timestamp(expiresAt));
    }

    /** The username's API-key user: its 128-bit id, or the 48-bit one it was given before if only that exists. */
    private String apiKeyUserId(String username) {
        return users.findByUsername(username).map(User::userId).orElse(UserIds.of(username));
    }

    public KeyViews.Listing list(Principal caller) {
        Instant now = clock.instant();
        var summaries = keys.listByOwner(caller.userId()).stream()
                .map(k -> new KeyViews.Summary(k.keyId(), k.role().name(), timestamp(k.createdAt()),
                        timestamp(k.expiresAt()), timestamp(k.lastUsedAt()), k.revoked(), timestamp(k.revokedAt()),
                        k.expired(now)))
                .toList();
        return new KeyViews.Listing(summaries, summaries.size());
    }

    public KeyViews.Revoked revoke(Principal caller, String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw ApiException.validation("keyId", "must look like 'key_' followed by hex digits");
        }
        ApiKey key = keys.findByKeyId(keyId)
                .filter(k -> caller.isAdmin() || k.owner().equals(caller.userId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "API key '" + keyId + "' not found"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean revokedHere = revokeOne(key, now, caller, null);
        // Everything the key minted, and what those minted, goes with it (again on a repeated call: idempotent).
        List<String> descendants = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(key.childKeyIds());
        Set<String> seen = new HashSet<>(Set.of(keyId));
        while (!pending.isEmpty()) {
            String childId = pending.poll();
            if (!seen.add(childId)) {
                continue;
            }
            ApiKey child = keys.findByKeyId(childId).orElse(null);
            if (child == null) {
                continue;
            }
            revokeOne(child, now, caller, keyId);
            descendants.add(childId);
            pending.addAll(child.childKeyIds());
        }
        Collections.sort(descendants);
        return new KeyViews.Revoked(keyId, true, timestamp(revokedHere ? now : key.revokedAt()), descendants);
    }

    private boolean revokeOne(ApiKey key, Instant now, Principal caller, String ancestor) {
        boolean revokedHere = keys.revoke(key.keyHash(), now);
        rateLimiter.revoke(key.keyId());
        if (key.gatewayKeyId() != null) {
            usagePlans.disable(key.gatewayKeyId());
        }
        if (revokedHere) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", key.keyId());
            details.put("revokedBy", caller.userId());
            if (ancestor != null) {
                details.put("withAncestor", ancestor);
            }
            events.record(SecurityEventType.API_KEY_REVOKED, SecurityEvent.MEDIUM, key.owner(), null,
                    "API key " + key.keyId() + " revoked" + (ancestor == null ? "" : " with " + ancestor), details);
            LOG.info("key revoked", Map.of("keyId", key.keyId(), "owner", key.owner()));
        }
        return revokedHere;
    }
}
