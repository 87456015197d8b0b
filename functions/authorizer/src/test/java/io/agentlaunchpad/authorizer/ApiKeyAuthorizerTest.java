package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REQUEST authorizer with an API key ({@code X-API-Key}), on the fixtures of events/authorizer, against dynalite. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class ApiKeyAuthorizerTest extends AuthorizerFixture {

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

        assertThat(events.recent(UserIds.of(name), 20)).filteredOn(e -> e.type().equals(SecurityEventType.AUTHENTICATION_FAILED.name()))
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
}
