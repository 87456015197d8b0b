package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REQUEST authorizer on the fixtures of events/authorizer, against dynalite and a test SSO key pair. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class AuthorizerTest {

    static final String STAGE = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*";

    @Inject
    AuthorizerFunction authorizer;

    @Inject
    KeyService keys;

    @Inject
    SecurityEvents events;

    static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) Json.tree(Files.readString(Events.file("authorizer/" + name + ".json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthorizerRequest withHeader(String fixture, String name, String value) {
        ObjectNode event = fixture(fixture);
        for (String map : new String[]{"headers", "multiValueHeaders"}) {
            ObjectNode headers = (ObjectNode) event.get(map);
            headers.remove(name);
            if (value != null) {
                if (map.equals("headers")) {
                    headers.put(name, value);
                } else {
                    headers.set(name, Json.MAPPER.createArrayNode().add(value));
                }
            }
        }
        return Json.MAPPER.convertValue(event, AuthorizerRequest.class);
    }

    static AuthorizerRequest apiKey(String key) {
        return withHeader("apiKey", "X-API-Key", key);
    }

    static AuthorizerRequest bearer(String token) {
        return withHeader("bearer", "Authorization", "Bearer " + token);
    }

    static Principal admin() {
        return new Principal("user-admin", "admin", "ADMIN", Set.of("*"), null);
    }

    KeyViews.Created newKey(String username, String role) {
        return keys.generate(admin(), Json.MAPPER.createObjectNode().put("username", username).put("role", role));
    }

    static String newName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token(String subject, Set<String> groups) {
        return Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE).subject(subject).upn(subject).groups(groups)
                .expiresIn(300).sign(JwtKeys.PAIR.getPrivate());
    }

    @Test
    void apiKey_allowsTheStageWithThePrincipalAsContextAndTheKeyForUsagePlans() {
        String name = newName();
        KeyViews.Created key = newKey(name, "USER");

        AuthorizerResponse answer = authorizer.authorize(apiKey(key.apiKey()));

        assertThat(answer.principalId()).isEqualTo(UserIds.of(name));
        assertThat(answer.policyDocument().version()).isEqualTo("2012-10-17");
        assertThat(answer.policyDocument().statement()).singleElement().satisfies(s -> {
            assertThat(s.effect()).isEqualTo("Allow");
            assertThat(s.action()).isEqualTo("execute-api:Invoke");
            assertThat(s.resource()).isEqualTo(STAGE);
        });
        assertThat(answer.usageIdentifierKey()).isEqualTo(key.apiKey());
        assertThat(answer.context()).containsEntry("userId", UserIds.of(name)).containsEntry("username", name)
                .containsEntry("role", "USER").containsEntry("keyId", key.keyId())
                .containsEntry("permissions", Role.USER.permissionsText()).containsEntry("authMethod", "API_KEY");
        assertThat(answer.toString()).doesNotContain(key.apiKey());

        Principal principal = Principal.fromAuthorizerContext(Map.copyOf(answer.context()));
        assertThat(principal.can("agents:create")).isTrue();
        assertThat(principal.can("system:read")).isFalse();
        assertThat(principal.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void apiKey_answerSerialisesAsApiGatewayExpectsIt() {
        KeyViews.Created key = newKey(newName(), "VIEWER");
        JsonNode json = Json.MAPPER.valueToTree(authorizer.authorize(apiKey(key.apiKey())));
        assertThat(json.get("policyDocument").get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(json.get("policyDocument").get("Statement").get(0).get("Effect").asText()).isEqualTo("Allow");
        assertThat(json.get("policyDocument").get("Statement").get(0).get("Resource").asText()).isEqualTo(STAGE);
        assertThat(json.get("context").get("permissions").asText()).isEqualTo("agents:read,security:read,health:read,profile:read");
        assertThat(json.get("usageIdentifierKey").asText()).isEqualTo(key.apiKey());
    }

    @Test
    void apiKey_writesLastUsedAtAtMostOnceAMinute() {
        KeyViews.Created key = newKey(newName(), "USER");
        String hash = ApiKeys.hash(key.apiKey());
        authorizer.authorize(apiKey(key.apiKey()));
        assertThat(keyItem(hash).get("lastUsedAt")).isNotNull();

        String thirtySecondsAgo = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        setKeyAttribute(hash, "lastUsedAt", thirtySecondsAgo);
        authorizer.authorize(apiKey(key.apiKey()));
        assertThat(keyItem(hash).get("lastUsedAt").s()).isEqualTo(thirtySecondsAgo);

        String twoMinutesAgo = Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        setKeyAttribute(hash, "lastUsedAt", twoMinutesAgo);
        authorizer.authorize(apiKey(key.apiKey()));
        assertThat(Instant.parse(keyItem(hash).get("lastUsedAt").s())).isAfter(Instant.parse(twoMinutesAgo).plusSeconds(60));
    }

    @Test
    void refuses_missingMalformedUnknownRevokedAndExpiredKeys() {
        refused(withHeader("apiKey", "X-API-Key", null), "missing");
        refused(apiKey("not-a-key"), "malformed");
        refused(apiKey(ApiKeys.newKey()), "unknown");

        String name = newName();
        KeyViews.Created revoked = newKey(name, "USER");
        keys.revoke(admin(), revoked.keyId());
        refused(apiKey(revoked.apiKey()), "revoked");

        KeyViews.Created expired = newKey(name, "USER");
        setKeyAttribute(ApiKeys.hash(expired.apiKey()), "expiresAt", Instant.now().minusSeconds(1).toString());
        refused(apiKey(expired.apiKey()), "expired");

        assertThat(events.recent(UserIds.of(name), 20)).filteredOn(e -> e.type().equals(SecurityEvent.AUTHENTICATION_FAILED))
                .extracting(e -> e.details().get("reason")).contains("revoked", "expired");
    }

    @Test
    void refuses_aCredentialHeaderSentTwiceWithDifferentValues() {
        // found by the bad-input suite (bench/): "X-API-Key: garbage" then a valid key reached the routes as the
        // valid key's owner, since API Gateway's "headers" keeps the last value
        KeyViews.Created key = newKey(newName(), "USER");
        for (String[] pair : new String[][]{{"not-a-key", key.apiKey()}, {key.apiKey(), "not-a-key"},
                {key.apiKey(), ApiKeys.newKey()}}) {
            ObjectNode event = fixture("apiKey");
            ((ObjectNode) event.get("headers")).put("X-API-Key", pair[1]);
            ((ObjectNode) event.get("multiValueHeaders")).set("X-API-Key",
                    Json.MAPPER.createArrayNode().add(pair[0]).add(pair[1]));
            refused(Json.MAPPER.convertValue(event, AuthorizerRequest.class), "ambiguous");
        }
        ObjectNode same = fixture("apiKey");
        ((ObjectNode) same.get("headers")).put("X-API-Key", key.apiKey());
        ((ObjectNode) same.get("multiValueHeaders")).set("X-API-Key",
                Json.MAPPER.createArrayNode().add(key.apiKey()).add(key.apiKey()));
        assertThat(authorizer.authorize(Json.MAPPER.convertValue(same, AuthorizerRequest.class)).principalId())
                .as("the same key twice is not ambiguous").isNotNull();
    }

    @Test
    void refusals_areAggregatedNotOneRecordPerBadRequest() {
        AuthorizerRequest bad = withHeader("apiKey", "X-API-Key", "garbage-" + UUID.randomUUID());
        int before = events.recent(SecurityEvent.SYSTEM, 1000).size();
        for (int i = 0; i < 5; i++) {
            refused(bad, "malformed");
        }
        var malformed = events.recent(SecurityEvent.SYSTEM, 1000).stream()
                .filter(e -> "malformed".equals(e.details().get("reason"))).toList();
        assertThat(events.recent(SecurityEvent.SYSTEM, 1000).size() - before).isLessThanOrEqualTo(2);
        assertThat(malformed.stream().mapToLong(SecurityEvent::count).sum()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void bearer_allowsAKnownGroupAndCreatesTheFirstSeenUser() {
        String name = newName();
        AuthorizerResponse answer = authorizer.authorize(bearer(token(name, Set.of("USER", "some-other-group"))));

        assertThat(answer.policyDocument().statement().get(0).effect()).isEqualTo("Allow");
        assertThat(answer.context()).containsEntry("role", "USER").containsEntry("username", name)
                .containsEntry("authMethod", "JWT").doesNotContainKey("keyId");
        // Metered under the USER tier's shared key: every method requires a usage key (API key source AUTHORIZER).
        assertThat(answer.usageIdentifierKey()).isEqualTo("launchpad-test-jwt-callers-user");
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
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger launchpad = java.util.logging.Logger.getLogger("launchpad");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        launchpad.addHandler(capture);
        root.addHandler(capture);
        try {
            String name = newName();
            KeyViews.Created key = newKey(name, "USER");
            authorizer.authorize(apiKey(key.apiKey()));
            keys.revoke(admin(), key.keyId());
            refused(apiKey(key.apiKey()), "revoked");
            String forged = key.apiKey().substring(0, key.apiKey().length() - 2) + "xx";
            refused(apiKey(forged), "unknown");
            String jwt = token(name, Set.of("USER"));
            authorizer.authorize(bearer(jwt));

            assertThat(lines).isNotEmpty();
            String logged = String.join("\n", lines);
            assertThat(logged).doesNotContain(key.apiKey()).doesNotContain(forged).doesNotContain(jwt);
            String stored = events.recent(UserIds.of(name), 50).toString() + events.recent(SecurityEvent.SYSTEM, 500);
            assertThat(stored).doesNotContain(key.apiKey()).doesNotContain(forged).doesNotContain(jwt);
        } finally {
            launchpad.removeHandler(capture);
            root.removeHandler(capture);
        }
    }

    void refused(AuthorizerRequest request, String reason) {
        assertThatThrownBy(() -> authorizer.authorize(request))
                .isInstanceOf(Unauthorized.class).hasMessage("Unauthorized")
                .satisfies(e -> assertThat(((Unauthorized) e).reason()).isEqualTo(reason));
    }

    static Map<String, AttributeValue> keyItem(String hash) {
        var b = BackendsResource.current();
        return b.dynamo.getItem(GetItemRequest.builder().tableName(b.prefix + "apiKeys").consistentRead(true)
                .key(Map.of("keyHash", AttributeValue.builder().s(hash).build())).build()).item();
    }

    static void setKeyAttribute(String hash, String name, String value) {
        var b = BackendsResource.current();
        b.dynamo.updateItem(UpdateItemRequest.builder().tableName(b.prefix + "apiKeys")
                .key(Map.of("keyHash", AttributeValue.builder().s(hash).build()))
                .updateExpression("SET #n = :v").expressionAttributeNames(Map.of("#n", name))
                .expressionAttributeValues(Map.of(":v", AttributeValue.builder().s(value).build())).build());
    }
}
