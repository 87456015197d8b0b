package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;

import static io.restassured.RestAssured.given;

/** Posts an event to the Quarkus mock Lambda event server, which runs it through the exported function. */
final class LambdaInvoker {

    private LambdaInvoker() {
    }

    static JsonNode invoke(String eventJson) {
        String raw = given().contentType("application/json").accept("application/json").body(eventJson)
                .when().post()
                .then().statusCode(200)
                .extract().asString();
        try {
            return Json.tree(raw);
        } catch (Exception e) {
            throw new AssertionError("the Lambda answered no JSON: " + raw, e);
        }
    }

    static JsonNode body(JsonNode proxyResponse) {
        try {
            return Json.tree(proxyResponse.get("body").asText());
        } catch (Exception e) {
            throw new AssertionError("the proxy response body is not JSON: " + proxyResponse, e);
        }
    }
}
