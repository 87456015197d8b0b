package io.agentlaunchpad.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.emulators.RepoRoot;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The event fixtures of {@code events/} (the same files {@code sam local invoke -e} takes), loaded and adjusted
 * for one test: another caller, another agent id, another body. Each copy gets a fresh request id.
 */
public final class Events {

    private final ObjectNode event;

    private Events(ObjectNode event) {
        this.event = event;
        ((ObjectNode) event.get("requestContext")).put("requestId", UUID.randomUUID().toString());
    }

    public static Path file(String relative) {
        return RepoRoot.get().resolve("events").resolve(relative);
    }

    /** A request body kept in {@code events/bodies/}, such as the API reference's own examples. */
    public static String bodyFile(String file) {
        try {
            return Files.readString(file("bodies/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API Gateway proxy event of the route served by {@code function}. */
    public static Events api(String function) {
        try {
            return new Events((ObjectNode) Json.MAPPER.readTree(Files.readString(file("api/" + function + ".json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Events caller(String userId, String role, String permissions) {
        ObjectNode authorizer = Json.MAPPER.createObjectNode();
        authorizer.put("principalId", userId);
        authorizer.put("userId", userId);
        authorizer.put("username", userId);
        authorizer.put("role", role);
        authorizer.put("permissions", permissions);
        authorizer.put("keyId", "key_" + userId);
        ((ObjectNode) event.get("requestContext")).set("authorizer", authorizer);
        return this;
    }

    public Events user(String userId) {
        return caller(userId, "USER", "agents:*,keys:create,keys:read,keys:revoke,security:scan,security:read,"
                + "health:read,profile:read,profile:update");
    }

    public Events admin(String userId) {
        return caller(userId, "ADMIN", "*");
    }

    public Events viewer(String userId) {
        return caller(userId, "VIEWER", "agents:read,security:read,health:read,profile:read");
    }

    /** The caller's key id as the authorizer passes it (the rate limiter counts per key). */
    public Events keyId(String keyId) {
        ((ObjectNode) event.get("requestContext").get("authorizer")).put("keyId", keyId);
        return this;
    }

    /** Sets one path parameter, keeping the others the event has (a route may have two). */
    public Events pathParameter(String name, String value) {
        ObjectNode params = event.get("pathParameters") instanceof ObjectNode existing ? existing
                : Json.MAPPER.createObjectNode();
        params.put(name, value);
        event.set("pathParameters", params);
        String path = event.get("resource").asText();
        for (var p : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) params::fields) {
            path = path.replace("{" + p.getKey() + "}", p.getValue().asText());
        }
        event.put("path", path);
        return this;
    }

    public Events anonymous() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    public Events agentId(String agentId) {
        String template = event.get("resource").asText();
        ObjectNode params = Json.MAPPER.createObjectNode().put("agentId", agentId);
        event.set("pathParameters", params);
        event.put("path", template.replace("{agentId}", agentId));
        return this;
    }

    public Events body(String body) {
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        return this;
    }

    public Events body(JsonNode body) {
        return body(Json.write(body));
    }

    public Events base64Body(String base64) {
        event.put("body", base64);
        event.put("isBase64Encoded", true);
        return this;
    }

    public Events header(String name, String value) {
        ((ObjectNode) event.get("headers")).put(name, value);
        ((ObjectNode) event.get("multiValueHeaders")).set(name, Json.MAPPER.createArrayNode().add(value));
        return this;
    }

    public Events query(Map<String, String> params) {
        ObjectNode single = Json.MAPPER.createObjectNode();
        ObjectNode multi = Json.MAPPER.createObjectNode();
        params.forEach((k, v) -> {
            single.put(k, v);
            multi.set(k, Json.MAPPER.createArrayNode().add(v));
        });
        event.set("queryStringParameters", params.isEmpty() ? null : single);
        event.set("multiValueQueryStringParameters", params.isEmpty() ? null : multi);
        return this;
    }

    public Events repeatedQuery(String name, String... values) {
        ObjectNode multi = Json.MAPPER.createObjectNode();
        var array = Json.MAPPER.createArrayNode();
        for (String v : values) {
            array.add(v);
        }
        multi.set(name, array);
        event.set("multiValueQueryStringParameters", multi);
        event.set("queryStringParameters", Json.MAPPER.createObjectNode().put(name, values[values.length - 1]));
        return this;
    }

    /** The body of the fixture as a mutable JSON object. */
    public ObjectNode bodyTree() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(event.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String json() {
        return Json.write(event);
    }

    public ProxyRequest request() {
        return Json.MAPPER.convertValue(event, ProxyRequest.class);
    }
}
