package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.LocalUsagePlans;
import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Minting, listing and revoking keys, against dynalite; the usage plans are the local, recording adapter. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class KeyRoutesTest {

    @Inject
    KeyFunctions keys;

    @Inject
    AgentFunctions agents;

    @Inject
    UsagePlans usagePlans;

    @Inject
    SecurityEvents events;

    static Events self(String user, String body) {
        Events e = Events.api("generateKey").user(user);
        return e.body(body == null ? "{}" : body);
    }

    @Test
    void generateKey_answersTheSeedBodyOnceAndStoresOnlyTheHash() {
        String user = newUser();
        ProxyResponse response = keys.generateKey(self(user, "{\"username\": \"" + user + "\", \"role\": \"USER\"}").request());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = body(response);
        assertThat(body.size()).isEqualTo(3);
        String apiKey = body.get("apiKey").asText();
        assertThat(apiKey).matches("^alk_[A-Za-z0-9_-]{43,}$");
        String keyId = body.get("keyId").asText();
        assertThat(keyId).matches("^key_[0-9a-f]{16}$");
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(5)));

        Map<String, AttributeValue> item = keyItem(ApiKeys.hash(apiKey));
        assertThat(item).isNotEmpty();
        assertThat(item.get("keyId").s()).isEqualTo(keyId);
        assertThat(item.get("owner").s()).isEqualTo(user);
        assertThat(item.get("role").s()).isEqualTo("USER");
        assertThat(item.toString()).doesNotContain(apiKey);

        var registration = ((LocalUsagePlans) usagePlans).byKeyId(keyId).orElseThrow();
        assertThat(registration.enabled()).isTrue();
        assertThat(registration.tier().name()).isEqualTo("USER");
        assertThat(registration.keyHash()).isEqualTo(ApiKeys.hash(apiKey));
        assertThat(item.get("gatewayKeyId").s()).isEqualTo(registration.gatewayKeyId());

        assertThat(events.recent(user, 10)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(SecurityEventType.API_KEY_CREATED.name());
            assertThat(e.details()).containsEntry("keyId", keyId);
            assertThat(e.id()).startsWith("event-");
            assertThat(e.severity()).isEqualTo("LOW");
        });
    }

    @Test
    void generateKey_honoursExpiresInDaysWithinItsBounds() {
        String user = newUser();
        JsonNode body = body(keys.generateKey(self(user, "{\"expiresInDays\": 7}").request()));
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(5)));

        assertThat(fields(keys.generateKey(self(user, "{\"expiresInDays\": 0}").request())))
                .containsExactly("expiresInDays");
        assertThat(fields(keys.generateKey(self(user, "{\"expiresInDays\": 366}").request())))
                .containsExactly("expiresInDays");
    }

    @Test
    void generateKey_validatesEmailRoleAndUnknownFields() {
        ProxyResponse response = keys.generateKey(self(newUser(),
                "{\"email\": \"not-an-email\", \"role\": \"ROOT\", \"colour\": \"red\"}").request());
        assertThat(fields(response)).containsExactlyInAnyOrder("email", "role", "colour");
    }

    @Test
    void generateKey_adminCreatesAKeyAndTheUserForANewUsername() {
        String admin = newUser();
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 6);
        ProxyResponse response = keys.generateKey(Events.api("generateKey").admin(admin)
                .body("{\"username\": \"" + bob + "\", \"email\": \"" + bob + "@example.com\", \"role\": \"VIEWER\"}")
                .request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String apiKey = body(response).get("apiKey").asText();

        Map<String, AttributeValue> key = keyItem(ApiKeys.hash(apiKey));
        assertThat(key.get("owner").s()).isEqualTo(UserIds.of(bob));
        assertThat(key.get("role").s()).isEqualTo("VIEWER");
        Map<String, AttributeValue> user = userItem(UserIds.of(bob));
        assertThat(user.get("username").s()).isEqualTo(bob);
        assertThat(user.get("email").s()).isEqualTo(bob + "@example.com");
    }

    @Test
    void generateKey_refusesANonAdminAKeyForSomeoneElseOrAboveTheirRole() {
        String user = newUser();
        error(keys.generateKey(self(user, "{\"username\": \"mallory\", \"role\": \"USER\"}").request()),
                403, "INSUFFICIENT_PERMISSIONS");
        error(keys.generateKey(self(user, "{\"role\": \"ADMIN\"}").request()), 403, "INSUFFICIENT_PERMISSIONS");
        ProxyResponse viewer = keys.generateKey(Events.api("generateKey").viewer(newUser())
                .body("{\"role\": \"VIEWER\"}").request());
        error(viewer, 403, "INSUFFICIENT_PERMISSIONS");

        var denied = events.recent(user, 10).stream()
                .filter(e -> e.type().equals(SecurityEventType.PERMISSION_DENIED.name())).toList();
        assertThat(denied).allSatisfy(e -> assertThat(e.details()).containsEntry("route", "generateKey"));
        // aggregated: one record per minute carries the count
        assertThat(denied.stream().mapToLong(SecurityEvent::count).sum()).isEqualTo(2);
    }

    @Test
    void generateKey_letsAUserCreateALowerRoleKeyForThemselves() {
        ProxyResponse response = keys.generateKey(self(newUser(), "{\"role\": \"VIEWER\"}").request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void listKeys_showsTheCallersKeysAsMetadataOnly() {
        String user = newUser();
        String first = body(keys.generateKey(self(user, null).request())).get("apiKey").asText();
        String second = body(keys.generateKey(self(user, "{\"role\": \"VIEWER\"}").request())).get("apiKey").asText();
        keys.generateKey(self(newUser(), null).request());

        ProxyResponse response = keys.listKeys(Events.api("listKeys").user(user).request());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(first).doesNotContain(second)
                .doesNotContain(ApiKeys.hash(first)).doesNotContain("apiKey").doesNotContain("keyHash");
        JsonNode body = body(response);
        assertThat(body.get("total").asInt()).isEqualTo(2);
        JsonNode newest = body.get("keys").get(0);
        assertThat(newest.get("keyId").asText()).startsWith("key_");
        assertThat(newest.has("createdAt")).isTrue();
        assertThat(newest.has("expiresAt")).isTrue();
        assertThat(newest.has("lastUsedAt")).isTrue();
        assertThat(newest.get("revoked").asBoolean()).isFalse();
    }

    @Test
    void revokeKey_takesEffectOnTheNextRequestEvenWithTheAuthorizerAnswerCached() {
        String user = newUser();
        String keyId = body(keys.generateKey(self(user, null).request())).get("keyId").asText();
        // What API Gateway passes on while it caches the authorizer's answer for this key:
        Events cached = Events.api("listAgents").user(user).keyId(keyId);
        assertThat(agents.listAgents(cached.request()).statusCode()).isEqualTo(200);

        ProxyResponse revoked = keys.revokeKey(Events.api("revokeKey").user(user).pathParameter("keyId", keyId).request());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(body(revoked).get("revoked").asBoolean()).isTrue();

        ProxyResponse after = agents.listAgents(Events.api("listAgents").user(user).keyId(keyId).request());
        error(after, 401, "INVALID_API_KEY");
        assertThat(after.header("X-RateLimit-Limit")).isNotNull();

        assertThat(((LocalUsagePlans) usagePlans).byKeyId(keyId).orElseThrow().enabled()).isFalse();
        JsonNode listed = body(keys.listKeys(Events.api("listKeys").user(user).keyId("key_other").request()));
        assertThat(listed.get("keys").get(0).get("revoked").asBoolean()).isTrue();
        assertThat(events.recent(user, 10)).extracting(SecurityEvent::type)
                .contains(SecurityEventType.API_KEY_REVOKED.name(), SecurityEventType.AUTHENTICATION_FAILED.name());
    }

    @Test
    void generateKey_withAKeyNeverOutlivesItAndRevokingItRevokesWhatItMinted() {
        String user = newUser();
        JsonNode parent = body(keys.generateKey(self(user, "{\"expiresInDays\": 1}").request()));
        String parentId = parent.get("keyId").asText();
        JsonNode child = body(keys.generateKey(self(user, "{\"expiresInDays\": 365}").keyId(parentId).request()));
        String childId = child.get("keyId").asText();
        assertThat(Instant.parse(child.get("expiresAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(parent.get("expiresAt").asText()));
        assertThat(keyItem(ApiKeys.hash(child.get("apiKey").asText())).get("parentKeyId").s()).isEqualTo(parentId);
        JsonNode grandchild = body(keys.generateKey(self(user, null).keyId(childId).request()));
        String grandchildId = grandchild.get("keyId").asText();
        // An unrelated key of the same user stays.
        String sibling = body(keys.generateKey(self(user, null).request())).get("keyId").asText();

        ProxyResponse revoked = keys.revokeKey(Events.api("revokeKey").user(user).keyId(sibling)
                .pathParameter("keyId", parentId).request());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(body(revoked).get("revokedDescendants")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(childId, grandchildId);
        for (String descendant : new String[]{childId, grandchildId}) {
            error(agents.listAgents(Events.api("listAgents").user(user).keyId(descendant).request()), 401,
                    "INVALID_API_KEY");
            assertThat(((LocalUsagePlans) usagePlans).byKeyId(descendant).orElseThrow().enabled()).isFalse();
        }
        assertThat(keyItem(ApiKeys.hash(grandchild.get("apiKey").asText())).get("revoked").bool()).isTrue();
        assertThat(agents.listAgents(Events.api("listAgents").user(user).keyId(sibling).request()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void generateKey_refusesMoreActiveKeysThanTheCapWith429() {
        String user = newUser();
        String first = null;
        for (int i = 0; i < 10; i++) {
            String keyId = body(keys.generateKey(self(user, null).request())).get("keyId").asText();
            first = first == null ? keyId : first;
        }
        JsonNode refused = error(keys.generateKey(self(user, null).request()), 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(refused.get("details").get("quota").asText()).isEqualTo("activeKeys");
        assertThat(refused.get("details").get("limit").asInt()).isEqualTo(10);
        assertThat(refused.get("details").get("current").asInt()).isEqualTo(10);

        keys.revokeKey(Events.api("revokeKey").user(user).pathParameter("keyId", first).request());
        assertThat(keys.generateKey(self(user, null).request()).statusCode()).isEqualTo(201);
    }

    @Test
    void revokeKey_ofAnotherUsersKeyIsNotFoundButAnAdminMayRevokeIt() {
        String owner = newUser();
        String keyId = body(keys.generateKey(self(owner, null).request())).get("keyId").asText();

        error(keys.revokeKey(Events.api("revokeKey").user(newUser()).pathParameter("keyId", keyId).request()),
                404, "NOT_FOUND");
        assertThat(((LocalUsagePlans) usagePlans).byKeyId(keyId).orElseThrow().enabled()).isTrue();

        ProxyResponse byAdmin = keys.revokeKey(Events.api("revokeKey").admin(newUser()).pathParameter("keyId", keyId).request());
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(((LocalUsagePlans) usagePlans).byKeyId(keyId).orElseThrow().enabled()).isFalse();
    }

    @Test
    void revokeKey_refusesAKeyIdThatCannotBeOne() {
        assertThat(fields(keys.revokeKey(Events.api("revokeKey").user(newUser())
                .pathParameter("keyId", "../etc").request()))).containsExactly("keyId");
    }

    static Map<String, AttributeValue> keyItem(String hash) {
        var b = BackendsResource.current();
        return b.dynamo.getItem(GetItemRequest.builder().tableName(b.prefix + "apiKeys")
                .key(Map.of("keyHash", AttributeValue.builder().s(hash).build())).build()).item();
    }

    static Map<String, AttributeValue> userItem(String userId) {
        var b = BackendsResource.current();
        return b.dynamo.getItem(GetItemRequest.builder().tableName(b.prefix + "users")
                .key(Map.of("userId", AttributeValue.builder().s(userId).build())).build()).item();
    }
}
