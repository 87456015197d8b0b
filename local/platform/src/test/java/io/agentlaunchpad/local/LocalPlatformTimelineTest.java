package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout timeline and the status wait on the running local platform, over HTTP, as a script uses them: wait
 * for DEPLOYED (or a failure) with {@code waitFor}, then read what happened from {@code /events}.
 */
class LocalPlatformTimelineTest {

    static final String AGENT = """
            {"agentName":"%s","personality":{"bio":["x"]},"selectedPlugins":%s,
             "resources":{"memory":"512Mi","cpu":"250m","replicas":2}}""";

    @TempDir
    Path home;

    LocalPlatform.Running platform;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        platform = LocalPlatform.startIn(home, Map.of("LAUNCHPAD_SIMULATED_READY_SECONDS", "0.5"));
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aRolloutWaitedForEndsDeployed_andItsTimelineTellsHowItGotThere() throws Exception {
        String agentId = create("waited", "[\"@elizaos/plugin-bootstrap\"]");

        JsonNode status = waitFor(agentId, "DEPLOYED");

        assertThat(status.get("status").asText()).isEqualTo("DEPLOYED");
        List<String> types = types(agentId);
        assertThat(types.get(0)).isEqualTo("DEPLOYED");
        assertThat(types.get(types.size() - 1)).isEqualTo("QUEUED");
        assertThat(types).contains("APPLIED").containsAnyOf("SCAN_REUSED", "SCAN_PASSED").doesNotHaveDuplicates();
    }

    @Test
    void aBlockedImageEndsTheWaitWithFailed_andTheTimelineSaysTheScanBlockedIt() throws Exception {
        String agentId = create("blocked", "[\"@elizaos/plugin-knowledge\"]");

        JsonNode status = waitFor(agentId, "DEPLOYED");

        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(types(agentId)).containsExactly("FAILED", "SCAN_BLOCKED", "QUEUED");
    }

    /** Waits as the SDKs do: one long request after another until the answer is final. */
    private JsonNode waitFor(String agentId, String state) throws Exception {
        for (int attempt = 0; attempt < 6; attempt++) {
            JsonNode status = json(call("GET", "/api/agents/" + agentId + "/status?waitFor=" + state
                    + "&timeout=20s", null));
            String now = status.get("status").asText();
            if (now.equals(state) || now.equals("FAILED")) {
                return status;
            }
        }
        throw new AssertionError(agentId + " neither " + state + " nor FAILED after six waits");
    }

    private List<String> types(String agentId) throws Exception {
        List<String> types = new ArrayList<>();
        json(call("GET", "/api/agents/" + agentId + "/events?limit=100", null)).get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private String create(String name, String plugins) throws Exception {
        HttpResponse<String> created = call("POST", "/api/agents", AGENT.formatted(name, plugins));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json(created).get("agentId").asText();
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return Json.tree(answer.body());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", platform.adminKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
