package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local platform over real HTTP: the gateway's own answers, in the API's error format. */
class LocalGatewayTest {

    @TempDir
    static Path home;
    static StateDirectory state;
    static LocalPlatform platform;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        state = StateDirectory.open(home);
        platform = LocalPlatform.start(new LocalSettings("127.0.0.1", 0, home, Duration.ZERO, Duration.ofSeconds(29)), state);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
        state.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.port() + path);
    }

    static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = Json.tree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(error.get("timestamp").asText()).endsWith("Z");
        return error;
    }

    @Test
    void anUnknownRouteIs404InTheErrorFormat() throws Exception {
        error(send(HttpRequest.newBuilder(uri("/api/nothing-here")).GET()), 404, "NOT_FOUND");
        error(send(HttpRequest.newBuilder(uri("/api/agents")).method("PATCH", HttpRequest.BodyPublishers.noBody())),
                404, "NOT_FOUND");
    }

    @Test
    void aRequestWithoutKeyOrTokenIs401() throws Exception {
        JsonNode error = error(send(HttpRequest.newBuilder(uri("/api/agents")).GET()), 401, "INVALID_API_KEY");
        assertThat(error.get("message").asText()).contains("API key");
    }

    @Test
    void aBodyOverTenMegabytesIs413() throws Exception {
        byte[] huge = new byte[Gateway.MAX_PAYLOAD_BYTES + 1];
        error(send(HttpRequest.newBuilder(uri("/api/agents")).header("X-API-Key", "alk_x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aSecondPlatformOnTheSameStateIsRefused() {
        assertThatThrownBy(() -> StateDirectory.open(home)).isInstanceOf(StateDirectory.AlreadyRunningException.class);
    }
}
