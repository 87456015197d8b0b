package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The suites' own setup calls (users, keys, agents), which must succeed for the suite to mean anything. */
final class Api {

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode call(String key, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("setup call " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return Json.tree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("setup call " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The answer of a call that may fairly be refused (a route not served yet), or empty. */
    java.util.Optional<JsonNode> tryCall(String key, String method, String path, String body) {
        try {
            return java.util.Optional.ofNullable(call(key, method, path, body));
        } catch (IllegalStateException e) {
            return java.util.Optional.empty();
        }
    }

    /** A key for {@code username} (created with it when new), minted with the admin key. */
    Key key(String adminKey, String username, String role) {
        JsonNode created = call(adminKey, "POST", "/api/auth/generate-key",
                "{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.com\", \"role\": \"" + role + "\"}");
        String key = created.get("apiKey").asText();
        String userId = call(key, "GET", "/api/users/profile", null).get("userId").asText();
        return new Key(key, created.get("keyId").asText(), userId, username, role);
    }

    /** A key minted with the admin key and never used: its rate-limit windows have counted nothing yet. */
    Key unusedKey(String adminKey, String username, String role) {
        JsonNode created = call(adminKey, "POST", "/api/auth/generate-key",
                "{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.com\", \"role\": \"" + role + "\"}");
        return new Key(created.get("apiKey").asText(), created.get("keyId").asText(), null, username, role);
    }

    String createAgent(String key, String name) {
        return call(key, "POST", "/api/agents", AGENT.replace("NAME", name)).get("agentId").asText();
    }

    /**
     * A plain agent. One plugin, because an agent without plugins matches every catalogue entry (ImageCatalogue:
     * containsAll of nothing), and the local platform's knowledge image is the one its registry blocks.
     */
    static final String AGENT = "{\"agentName\": \"NAME\", \"personality\": {\"bio\": [\"x\"]},"
            + " \"selectedPlugins\": [\"@elizaos/plugin-bootstrap\"], \"resources\": {\"memory\": \"512Mi\", \"cpu\": \"250m\"}}";

    record Key(String apiKey, String keyId, String userId, String username, String role) {
    }
}
