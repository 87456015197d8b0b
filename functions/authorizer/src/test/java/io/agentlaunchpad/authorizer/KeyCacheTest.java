package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.limits.RateDecision;
import io.agentlaunchpad.limits.RateLimiter;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.agentlaunchpad.authorizer.AuthorizerFixture.admin;
import static io.agentlaunchpad.authorizer.AuthorizerFixture.apiKey;
import static io.agentlaunchpad.authorizer.AuthorizerFixture.newName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The warm authorizer answers a key it read within the last 30 s from memory (no read on the request's critical
 * path); a key revoked meanwhile still passes here, and the route's per-request count refuses it.
 */
@QuarkusTest
@TestProfile(KeyCacheTest.Cached.class)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class KeyCacheTest {

    public static class Cached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpad.keys.authorizer-cache-seconds", "30",
                    "launchpad.rate-limits.enabled", "true");
        }
    }

    @Inject
    AuthorizerFunction authorizer;

    @Inject
    KeyService keys;

    @Inject
    RateLimiter rateLimiter;

    @Test
    void aRememberedKeyRevokedMeanwhile_passesTheAuthorizer_butTheNextRequestsCountRefusesIt() {
        KeyViews.Created key = keys.generate(admin(), io.agentlaunchpad.json.Json.MAPPER.createObjectNode()
                .put("username", newName()).put("role", "USER"));
        AuthorizerResponse first = authorizer.authorize(apiKey(key.apiKey()));
        Principal principal = Principal.fromAuthorizerContext(Map.copyOf(first.context()));
        assertThat(rateLimiter.acquire(principal).outcome()).isEqualTo(RateDecision.Outcome.ALLOWED);

        keys.revoke(admin(), key.keyId());

        AuthorizerResponse remembered = authorizer.authorize(apiKey(key.apiKey()));
        assertThat(remembered.policyDocument().statement().get(0).effect()).as("answered from memory")
                .isEqualTo("Allow");
        assertThat(rateLimiter.acquire(principal).outcome()).as("the route's count on the next request")
                .isEqualTo(RateDecision.Outcome.REVOKED);
    }

    @Test
    void aKeyNeverRemembered_isReadAndRefusedWhenRevoked() {
        KeyViews.Created key = keys.generate(admin(), io.agentlaunchpad.json.Json.MAPPER.createObjectNode()
                .put("username", newName()).put("role", "USER"));
        keys.revoke(admin(), key.keyId());

        assertThatThrownBy(() -> authorizer.authorize(apiKey(key.apiKey()))).isInstanceOf(Unauthorized.class);
    }
}
