package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.keys.LocalUsagePlans;
import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.LogCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REQUEST authorizer with an SSO token ({@code Authorization: Bearer}), the first admin's bootstrap, and neither
 * credential in a log line or a security event.
 */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class BearerAuthorizerTest extends AuthorizerFixture {

    @Inject
    UsagePlans usagePlans;

    @Test
    void bearer_allowsAKnownGroupAndCreatesTheFirstSeenUser() {
        String name = newName();
        AuthorizerResponse answer = authorizer.authorize(bearer(token(name, Set.of("USER", "some-other-group"))));

        assertThat(answer.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
        assertThat(answer.context()).containsEntry("role", "USER").containsEntry("username", name)
                .containsEntry("authMethod", "JWT").doesNotContainKey("keyId");
        // Metered under a usage key of the user's own on the USER plan (registered on first sight), not the tier's
        // shared one: one token user cannot spend the tier's daily quota for the others.
        String userId = UserIds.ofToken(JwtKeys.ISSUER, name);
        String own = "launchpad-test-jwt-callers-user-" + userId;
        assertThat(answer.usageIdentifierKey()).isEqualTo(own);
        var registration = ((LocalUsagePlans) usagePlans).byKeyId("jwt-" + userId + "-user").orElseThrow();
        assertThat(registration.tier()).isEqualTo(Role.USER);
        assertThat(registration.keyHash()).isEqualTo(ApiKeys.hash(own));
        assertThat(authorizer.authorize(bearer(token(name, Set.of("USER")))).usageIdentifierKey()).isEqualTo(own);
        assertThat(((LocalUsagePlans) usagePlans).operations().stream()
                .filter(o -> o.startsWith("CreateApiKey jwt-" + userId))).hasSize(1);
        String otherName = newName();
        assertThat(authorizer.authorize(bearer(token(otherName, Set.of("USER")))).usageIdentifierKey())
                .isNotEqualTo(own).endsWith(UserIds.ofToken(JwtKeys.ISSUER, otherName));
        var b = BackendsResource.current();
        Map<String, AttributeValue> user = b.dynamo.getItem(GetItemRequest.builder().tableName(b.prefix + "users")
                .key(Map.of("userId", AttributeValue.builder().s(UserIds.ofToken(JwtKeys.ISSUER, name)).build()))
                .build()).item();
        assertThat(user.get("username").s()).isEqualTo(name);
        assertThat(user.get("role").s()).isEqualTo("USER");
    }

    @Test
    void bearer_identifiesTheUserByIssuerAndSubjectNeverByADisplayNameOfAnApiKeyUser() {
        String name = newName();
        newKey(name, "USER");
        String apiKeyUser = UserIds.of(name);
        String subject = UUID.randomUUID().toString();
        // A token whose display names are the API-key user's name, in another case too, is not that user.
        AuthorizerResponse named = authorizer.authorize(bearer(Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE)
                .subject(subject).upn(name.toUpperCase()).claim("preferred_username", name).groups("ADMIN")
                .expiresIn(300).sign(JwtKeys.PAIR.getPrivate())));
        String tokenUser = named.context().get("userId").toString();
        assertThat(tokenUser).isNotEqualTo(apiKeyUser).isNotEqualTo(UserIds.legacyOf(name))
                .isEqualTo(UserIds.ofToken(JwtKeys.ISSUER, subject)).matches("^user-[0-9a-f]{32}$");
        // The same subject under another display name is the same user; another subject with the same name is not.
        AuthorizerResponse renamed = authorizer.authorize(bearer(Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE)
                .subject(subject).upn("renamed-" + name).groups("USER").expiresIn(300)
                .sign(JwtKeys.PAIR.getPrivate())));
        assertThat(renamed.context().get("userId")).isEqualTo(tokenUser);
        AuthorizerResponse other = authorizer.authorize(bearer(Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE)
                .subject(UUID.randomUUID().toString()).upn(name).groups("USER").expiresIn(300)
                .sign(JwtKeys.PAIR.getPrivate())));
        assertThat(other.context().get("userId")).isNotEqualTo(tokenUser).isNotEqualTo(apiKeyUser);
        // Listing "its" keys as that token user shows none of the API-key user's.
        assertThat(keys.list(Principal.fromAuthorizerContext(Map.copyOf(named.context()))).keys()).isEmpty();
    }

    @Test
    void bearer_refusesABadSignatureAWrongIssuerAnExpiredTokenAndAMalformedHeader() {
        String name = newName();
        refused(bearer(Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE).upn(name).groups("USER")
                .sign(JwtKeys.OTHER.getPrivate())), "invalid token");
        refused(bearer(Jwt.issuer("https://evil.example").audience(JwtKeys.AUDIENCE).upn(name).groups("USER")
                .sign(JwtKeys.PAIR.getPrivate())), "invalid token");
        refused(bearer(Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE).upn(name).groups("USER")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(JwtKeys.PAIR.getPrivate())), "invalid token");
        refused(bearer(Jwt.issuer(JwtKeys.ISSUER).audience("someone-else").upn(name).groups("USER")
                .sign(JwtKeys.PAIR.getPrivate())), "invalid token");
        refused(withHeader("bearer", "Authorization", "Basic dXNlcjpwYXNz"), "malformed");
    }

    @Test
    void bearer_withNoKnownGroupGetsADenyPolicy() {
        AuthorizerResponse answer = authorizer.authorize(bearer(token(newName(), Set.of("marketing"))));
        assertThat(answer.policyDocument().statement().get(0).effect()).isEqualTo("Deny");
    }

    /** The bootstrap of docs/identity.md: the operator signs an ADMIN token and mints the first admin key with it. */
    @Test
    void bootstrap_anOperatorTokenMintsTheFirstAdminKeyWithoutTouchingDynamoDb() {
        String operator = "operator-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorizerResponse viaToken = authorizer.authorize(bearer(token(operator, Set.of("ADMIN"))));
        Principal caller = Principal.fromAuthorizerContext(Map.copyOf(viaToken.context()));
        assertThat(caller.isAdmin()).isTrue();

        String firstAdmin = "first-admin-" + UUID.randomUUID().toString().substring(0, 6);
        KeyViews.Created key = keys.generate(caller, Json.MAPPER.createObjectNode()
                .put("username", firstAdmin).put("email", "ops@yourdomain.com").put("role", "ADMIN"));

        AuthorizerResponse viaKey = authorizer.authorize(apiKey(key.apiKey()));
        assertThat(viaKey.context()).containsEntry("role", "ADMIN").containsEntry("username", firstAdmin)
                .containsEntry("permissions", Role.ADMIN.permissionsText());
        assertThat(Principal.fromAuthorizerContext(Map.copyOf(viaKey.context())).can("system:read")).isTrue();
    }

    @Test
    void keysAndTokensNeverReachALogLineOrTheSecurityEvents() {
        try (LogCapture log = LogCapture.start()) {
            String name = newName();
            KeyViews.Created key = newKey(name, "USER");
            authorizer.authorize(apiKey(key.apiKey()));
            keys.revoke(admin(), key.keyId());
            refused(apiKey(key.apiKey()), "revoked");
            String forged = key.apiKey().substring(0, key.apiKey().length() - 2) + "xx";
            refused(apiKey(forged), "unknown");
            String jwt = token(name, Set.of("USER"));
            authorizer.authorize(bearer(jwt));

            assertThat(log.lines()).isNotEmpty();
            String logged = log.text();
            assertThat(logged).doesNotContain(key.apiKey()).doesNotContain(forged).doesNotContain(jwt);
            String stored = events.recent(UserIds.of(name), 50).toString() + events.recent(SecurityEvent.SYSTEM, 500);
            assertThat(stored).doesNotContain(key.apiKey()).doesNotContain(forged).doesNotContain(jwt);
        }
    }
}
