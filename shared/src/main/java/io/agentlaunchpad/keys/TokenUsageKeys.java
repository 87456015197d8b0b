package io.agentlaunchpad.keys;

import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.limits.Limits;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage key a Bearer-token caller is metered under on API Gateway: their own, registered on their tier's plan on
 * first sight, so one user cannot spend the tier's daily quota for every other token user. Until it is registered
 * (the first request, or while API Gateway cannot be reached) the tier's shared key stands in. Keys are no
 * credentials: API Gateway takes them only from the authorizer's answer, which never accepts one as an X-API-Key.
 */
@ApplicationScoped
public class TokenUsageKeys {

    private static final JsonLog LOG = JsonLog.of("usage-keys");
    /** A claim older than this is a registration that died half-way: the next request takes it over. */
    static final Duration CLAIM_HOLD = Duration.ofMinutes(1);

    private final UserStore users;
    private final UsagePlans plans;
    private final Limits limits;
    private final Clock clock;
    /** Keys known registered, so a warm authorizer reads the user's key once. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public TokenUsageKeys(UserStore users, UsagePlans plans, Limits limits, Clock clock) {
        this.users = users;
        this.plans = plans;
        this.limits = limits;
        this.clock = clock;
    }

    /** The key to answer as {@code usageIdentifierKey}; empty where the tier has no key (no API Gateway: local). */
    public Optional<String> keyFor(String userId, Role role) {
        Optional<String> shared = limits.tier(role).jwtKey();
        if (shared.isEmpty()) {
            return shared;
        }
        String own = shared.get() + "-" + userId;
        if (registered.contains(own) || users.usageKey(userId).filter(own::equals).isPresent()) {
            registered.add(own);
            return Optional.of(own);
        }
        Instant now = clock.instant();
        if (!users.claimUsageKey(userId, own, now, now.minus(CLAIM_HOLD))) {
            return shared; // being registered by another request right now
        }
        try {
            plans.register("jwt-" + userId + "-" + role.name().toLowerCase(), own, role);
            users.recordUsageKey(userId, own);
        } catch (RuntimeException e) {
            LOG.warn("usage key not registered; metered under the tier's key", Map.of("userId", userId,
                    "role", role.name(), "error", e.getClass().getSimpleName()));
            return shared;
        }
        registered.add(own);
        LOG.info("usage key registered", Map.of("userId", userId, "role", role.name()));
        return Optional.of(own);
    }
}
