package io.agentlaunchpad.authorizer;

import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The whole Lambda path (the mock event server, Funqy's JSON): what API Gateway would actually receive. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(JwtKeys.class)
class AuthorizerLambdaTest {

    @Inject
    KeyService keys;

    @Test
    void aKnownKeyGetsTheApiGatewayShapedAnswer() throws Exception {
        KeyViews.Created key = keys.generate(new Principal("user-admin", "admin", "ADMIN", Set.of("*"), null),
                Json.MAPPER.createObjectNode().put("username", "lambda-" + UUID.randomUUID().toString().substring(0, 6)).put("role", "USER"));
        String event = Files.readString(Events.file("authorizer/apiKey.json"))
                .replace("alk_example-key-not-real-000000000000000000000000", key.apiKey());

        given().contentType("application/json").accept("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("policyDocument.Version", equalTo("2012-10-17"))
                .body("policyDocument.Statement[0].Effect", equalTo("Allow"))
                .body("policyDocument.Statement[0].Action", equalTo("execute-api:Invoke"))
                .body("context.role", equalTo("USER"))
                .body("context.keyId", equalTo(key.keyId()))
                .body("usageIdentifierKey", equalTo(key.apiKey()));
    }

    @Test
    void theFixtureKeyIsRefusedWithTheMessageApiGatewayTurnsInto401() throws Exception {
        given().contentType("application/json").accept("application/json")
                .body(Files.readString(Events.file("authorizer/apiKey.json")))
                .when().post()
                .then().statusCode(500)
                .body(containsString("Unauthorized"));
    }
}
