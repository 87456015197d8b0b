package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.keys.ApiKey;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.KeyStore;
import io.agentlaunchpad.keys.TokenUsageKeys;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the credentials of a request into a principal. An API key costs one GetItem when this warm authorizer has not
 * read it in the last {@code authorizer-cache-seconds} ({@link KeyCache}: the trade-off is written there), plus, at
 * most once a minute per key, the write of {@code lastUsedAt}; a Bearer token costs one GetItem of its user (a
 * first-seen subject gets a user record and its own usage key, {@link TokenUsageKeys}; a linked one acts as the user it
 * is linked to, read from that same record). Refusals: no, malformed,
 * unknown, revoked or expired credentials are "Unauthorized" (API Gateway: 401); a
 * valid token whose groups map to no role gets a Deny policy (API Gateway: 403).
 */
@ApplicationScoped
public class Authenticator {

    private static final JsonLog LOG = JsonLog.of("authorizer");

    private final KeyStore keys;
    private final UserStore users;
    private final SecurityEvents events;
    private final JWTParser jwt;
    private final LaunchpadConfig config;
    private final TokenUsageKeys usageKeys;
    private final Clock clock;
    private final KeyCache remembered;

    public Authenticator(KeyStore keys, UserStore users, SecurityEvents events, JWTParser jwt, LaunchpadConfig config,
                         TokenUsageKeys usageKeys, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.events = events;
        this.jwt = jwt;
        this.config = config;
        this.usageKeys = usageKeys;
        this.clock = clock;
        this.remembered = new KeyCache(config.rateLimits().enabled()
                ? Duration.ofSeconds(config.keys().authorizerCacheSeconds()) : Duration.ZERO);
    }

    public AuthorizerResponse authorize(AuthorizerRequest request) {
        // A credential header sent twice with different values is ambiguous: API Gateway hands over the last value in
        // "headers", a cache or a proxy may key on the first. Refused, so no one value can ride on another.
        if (ambiguous(request, "X-API-Key") || ambiguous(request, "Authorization")) {
            throw refuse(request, "ambiguous", null, null);
        }
        String apiKey = request.header("X-API-Key");
        String authorization = request.header("Authorization");
        if (apiKey != null && !apiKey.isBlank()) {
            return byKey(request, apiKey.trim());
        }
        if (authorization != null && !authorization.isBlank()) {
            return byToken(request, authorization.trim());
        }
        throw refuse(request, "missing", null, null);
    }

    private static boolean ambiguous(AuthorizerRequest request, String name) {
        Set<String> values = new java.util.HashSet<>();
        if (request.multiValueHeaders() != null) {
            request.multiValueHeaders().forEach((header, list) -> {
                if (header.equalsIgnoreCase(name) && list != null) {
                    list.forEach(v -> values.add(v == null ? "" : v.trim()));
                }
            });
        }
        if (request.headers() != null) {
            request.headers().forEach((header, value) -> {
                if (header.equalsIgnoreCase(name)) {
                    values.add(value == null ? "" : value.trim());
                }
            });
        }
        return values.size() > 1;
    }

    private AuthorizerResponse byKey(AuthorizerRequest request, String apiKey) {
        if (!ApiKeys.wellFormed(apiKey)) {
            throw refuse(request, "malformed", null, null);
        }
        String hash = ApiKeys.hash(apiKey);
        Instant now = clock.instant();
        ApiKey key = remembered.find(hash, now).orElse(null);
        if (key == null) {
            key = keys.findByHash(hash).orElseThrow(() -> refuse(request, "unknown", null, null));
            remembered.remember(key, now);
        }
        if (key.revoked()) {
            throw refuse(request, "revoked", key.owner(), key.keyId());
        }
        if (key.expired(now)) {
            throw refuse(request, "expired", key.owner(), key.keyId());
        }
        Duration interval = Duration.ofSeconds(config.keys().lastUsedIntervalSeconds());
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(interval))) {
            Instant at = now.truncatedTo(ChronoUnit.SECONDS);
            if (keys.touch(key.keyHash(), at, at.minus(interval))) {
                users.touchLogin(key.owner(), at);
            }
            remembered.usedAt(key.keyHash(), at);
        }
        Map<String, String> context = context(key.owner(), key.username(), key.role(), "API_KEY");
        context.put("keyId", key.keyId());
        return AuthorizerResponse.of(key.owner(), "Allow", stageArn(request.methodArn()), context, apiKey);
    }

    private AuthorizerResponse byToken(AuthorizerRequest request, String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            throw refuse(request, "malformed", null, null);
        }
        JsonWebToken token;
        try {
            token = jwt.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            throw refuse(request, "invalid token", null, null);
        }
        // Identity is issuer + sub, never the display name: a token naming "dave" is not the API-key user dave.
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 255 || token.getIssuer() == null) {
            throw refuse(request, "invalid token subject", null, null);
        }
        String userId = UserIds.ofToken(token.getIssuer(), subject);
        String username = displayName(token.getName(), subject, userId);
        Optional<Role> role = role(token.getGroups());
        if (role.isEmpty()) {
            events.recordAggregated(SecurityEventType.PERMISSION_DENIED, SecurityEvent.MEDIUM, userId, "no-role",
                    "Token without a known group", Map.of("groups", String.join(",", token.getGroups())));
            LOG.warn("token without a known group", Map.of("userId", userId));
            return AuthorizerResponse.of(userId, "Deny", stageArn(request.methodArn()),
                    context(userId, username, Role.VIEWER, "JWT"), null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<User> found = users.find(userId);
        User user;
        if (found.isEmpty()) {
            String email = token.getClaim("email");
            user = users.createIfAbsent(new User(userId, username, email, role.get(), false, false, now, now));
            LOG.info("first-seen subject", Map.of("userId", userId, "role", role.get().name()));
        } else {
            user = found.get();
            if (user.lastLogin() == null || user.lastLogin().isBefore(now.minusSeconds(60))) {
                users.touchLogin(userId, now);
            }
        }
        // An identity an admin linked to an existing user acts as that user (its keys, agents, limits and usage key),
        // read from the record just read: no second read. The role stays the token's: a link never grants one.
        String actingId = user.linkedTo() == null ? userId : user.linkedTo();
        String actingName = user.linkedTo() == null ? username : user.linkedUsername();
        Map<String, String> context = context(actingId, actingName, role.get(), "JWT");
        if (user.linkedTo() != null) {
            context.put("linkedFrom", userId);
        }
        return AuthorizerResponse.of(actingId, "Allow", stageArn(request.methodArn()), context,
                usageKeys.keyFor(actingId, role.get()).orElse(null));
    }

    /** What is shown as the user's name: upn/preferred_username/sub when it is a valid username, else the id. */
    private static String displayName(String name, String subject, String userId) {
        if (name != null && UserIds.USERNAME.matcher(name).matches()) {
            return name;
        }
        return UserIds.USERNAME.matcher(subject).matches() ? subject : userId;
    }

    private Optional<Role> role(Set<String> groups) {
        var auth = config.auth();
        if (groups.contains(auth.adminGroup())) {
            return Optional.of(Role.ADMIN);
        }
        if (groups.contains(auth.userGroup())) {
            return Optional.of(Role.USER);
        }
        if (groups.contains(auth.viewerGroup())) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }

    private static Map<String, String> context(String userId, String username, Role role, String method) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("userId", userId);
        context.put("username", username);
        context.put("role", role.name());
        context.put("permissions", role.permissionsText());
        context.put("authMethod", method);
        return context;
    }

    /** Refusals are aggregated per reason and source address per minute: a flood costs one item a minute. */
    private Unauthorized refuse(AuthorizerRequest request, String reason, String owner, String keyId) {
        String ip = request.sourceIp() == null ? "unknown" : request.sourceIp();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("sourceIp", ip);
        if (keyId != null) {
            details.put("keyId", keyId);
        }
        events.recordAggregated(SecurityEventType.AUTHENTICATION_FAILED, SecurityEvent.MEDIUM,
                owner == null ? SecurityEvent.SYSTEM : owner, reason + "#" + ip,
                "Authentication refused: " + reason, details);
        LOG.warn("refused", Map.of("reason", reason, "sourceIp", ip));
        return new Unauthorized(reason);
    }

    /**
     * {@code arn:aws:execute-api:region:account:api/stage/METHOD/path} becomes {@code .../api/stage/*}: the answer is
     * cached per credential, and must allow every route of the stage (each route checks its own permission).
     */
    static String stageArn(String methodArn) {
        if (methodArn == null) {
            return "*";
        }
        String[] parts = methodArn.split("/", 3);
        return parts.length < 2 ? methodArn : parts[0] + "/" + parts[1] + "/*";
    }
}
