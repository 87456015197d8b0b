package io.agentlaunchpad.keys;

import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.User;
import io.agentlaunchpad.identity.UserStore;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.agentlaunchpad.testing.TestConfig.limits;
import static org.assertj.core.api.Assertions.assertThat;

/** A token user's own usage key: registered once, the tier's shared key while it cannot be, retried after a stale claim. */
class TokenUsageKeysTest {

    static final String SHARED = "launchpad-prod-jwt-callers-user";

    /** The usage-key half of a user store, in memory: the claim protocol as DynamoUserStore's conditions state it. */
    static final class Claims implements UserStore {
        final Map<String, String> keys = new HashMap<>();
        final Map<String, Instant> claims = new HashMap<>();

        @Override
        public Optional<String> usageKey(String userId) {
            return Optional.ofNullable(keys.get(userId));
        }

        @Override
        public boolean claimUsageKey(String userId, String key, Instant now, Instant staleBefore) {
            Instant held = claims.get(userId);
            if (held != null && !held.isBefore(staleBefore)) {
                return false;
            }
            claims.put(userId, now);
            return true;
        }

        @Override
        public void recordUsageKey(String userId, String key) {
            keys.put(userId, key);
            claims.remove(userId);
        }

        @Override
        public Optional<User> find(String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User createIfAbsent(User user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateContact(String userId, String email, Boolean emailNotifications, Boolean slackNotifications) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void touchLogin(String userId, Instant when) {
            throw new UnsupportedOperationException();
        }
    }

    final Limits limits = limits(Map.of("launchpad.usage-plans.user-jwt-key", SHARED));
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final Claims users = new Claims();

    @Test
    void firstSightRegistersTheUsersOwnKeyOnTheirTiersPlan_once() {
        LocalUsagePlans plans = new LocalUsagePlans(limits);
        TokenUsageKeys keys = new TokenUsageKeys(users, plans, limits, clock);

        assertThat(keys.keyFor("user-a", Role.USER)).contains(SHARED + "-user-a");
        assertThat(keys.keyFor("user-a", Role.USER)).contains(SHARED + "-user-a");
        assertThat(new TokenUsageKeys(users, plans, limits, clock).keyFor("user-a", Role.USER))
                .contains(SHARED + "-user-a"); // a cold authorizer reads it from the user record
        assertThat(keys.keyFor("user-b", Role.USER)).contains(SHARED + "-user-b");
        assertThat(plans.operations()).filteredOn(o -> o.startsWith("CreateApiKey")).hasSize(2);
        assertThat(plans.byKeyId("jwt-user-a-user").orElseThrow().tier()).isEqualTo(Role.USER);
    }

    @Test
    void whileTheGatewayRefuses_theSharedKeyStandsIn_andAStaleClaimIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        LocalUsagePlans working = new LocalUsagePlans(limits);
        boolean[] down = {true};
        UsagePlans flaky = new UsagePlans() {
            @Override
            public String register(String keyId, String apiKey, Role role) {
                attempts.incrementAndGet();
                if (down[0]) {
                    throw new IllegalStateException("API Gateway unreachable");
                }
                return working.register(keyId, apiKey, role);
            }

            @Override
            public void disable(String gatewayKeyId) {
            }
        };
        TokenUsageKeys keys = new TokenUsageKeys(users, flaky, limits, clock);

        assertThat(keys.keyFor("user-a", Role.USER)).contains(SHARED);
        // The failed attempt's claim holds for a minute: no storm of registrations meanwhile.
        assertThat(keys.keyFor("user-a", Role.USER)).contains(SHARED);
        assertThat(attempts).hasValue(1);

        down[0] = false;
        clock.advance(TokenUsageKeys.CLAIM_HOLD.plus(Duration.ofSeconds(1)));
        assertThat(keys.keyFor("user-a", Role.USER)).contains(SHARED + "-user-a");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aTierWithoutAKey_noUsageKey() {
        Limits local = limits(Map.of());
        assertThat(new TokenUsageKeys(users, new LocalUsagePlans(local), local, clock).keyFor("user-a", Role.USER))
                .isEmpty();
    }
}
