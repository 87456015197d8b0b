package io.agentlaunchpad.authorizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the REQUEST authorizer's tests start from: the fixtures of events/authorizer as requests with a credential,
 * keys minted by an admin, tokens signed with the test SSO key pair, and the key records in dynalite.
 */
abstract class AuthorizerFixture {

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
