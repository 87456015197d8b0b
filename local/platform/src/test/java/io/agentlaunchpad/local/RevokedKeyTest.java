package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the local gateway, as on AWS: the warm authorizer remembers a key it has just read, and a revoked key is
 * still refused on the very next request (the route's count checks the key every time), reads and writes alike.
 */
class RevokedKeyTest {

    @TempDir
    Path home;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKeyTheAuthorizerRemembers_isRefusedOnTheNextRequestOnceRevoked() throws Exception {
        try (LocalPlatform.Running platform = LocalPlatform.startIn(home)) {
            JsonNode minted = Json.tree(call(platform, "POST", "/api/auth/generate-key", platform.adminKey(),
                    "{\"username\": \"revoke-me\", \"role\": \"USER\"}").body());
            String key = minted.get("apiKey").asText();
            assertThat(call(platform, "GET", "/api/agents", key, null).statusCode()).isEqualTo(200);
            assertThat(call(platform, "GET", "/api/agents", key, null).statusCode()).as("remembered").isEqualTo(200);

            HttpResponse<String> revoked = call(platform, "DELETE", "/api/auth/keys/" + minted.get("keyId").asText(),
                    platform.adminKey(), null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

            HttpResponse<String> read = call(platform, "GET", "/api/agents", key, null);
            assertThat(read.statusCode()).isEqualTo(401);
            assertThat(Json.tree(read.body()).get("error").get("code").asText()).isEqualTo("INVALID_API_KEY");
            assertThat(read.body()).doesNotContain("\"agents\"");
            HttpResponse<String> write = call(platform, "POST", "/api/agents", key,
                    "{\"agentName\": \"never\", \"personality\": {\"bio\": [\"x\"]}, \"selectedPlugins\": [],"
                            + " \"resources\": {\"memory\": \"512Mi\", \"cpu\": \"250m\"}}");
            assertThat(write.statusCode()).isEqualTo(401);
            JsonNode all = Json.tree(call(platform, "GET", "/api/agents", platform.adminKey(), null).body());
            assertThat(all.get("total").asInt()).isZero();
        }
    }

    private HttpResponse<String> call(LocalPlatform.Running platform, String method, String path, String key,
                                      String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
