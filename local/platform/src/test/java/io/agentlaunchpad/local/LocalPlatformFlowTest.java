package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform as a newcomer meets it, over real HTTP: the first admin key, the seed's creation flow to two ready
 * replicas, a user key, and a restart that keeps agents and keys and brings the agent's pods back.
 */
class LocalPlatformFlowTest {

    static final String SEED_FLOW_AGENT = Events.bodyFile("seed-complete-flow-agent.json");

    @TempDir
    Path home;

    final HttpClient http = HttpClient.newHttpClient();

    record Running(StateDirectory state, LocalPlatform platform, String printed) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            platform.close();
            state.close();
        }
    }

    Running start() throws Exception {
        StateDirectory state = StateDirectory.open(home);
        LocalPlatform platform = LocalPlatform.start(new LocalSettings("127.0.0.1", 0, home, Duration.ZERO,
                Duration.ofSeconds(29)), state);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminKey.bootstrap(platform, state, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        return new Running(state, platform, out.toString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(Running running, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.platform().port() + path))
                .header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.tree(response.body());
    }

    void awaitStatus(Running running, String agentId, String key, String status, int ready) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        JsonNode last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = call(running, "GET", "/api/agents/" + agentId + "/status", key, null);
            if (answer.statusCode() == 429) {
                // A client polling a deploy meets the key's burst limit: it waits as told, as the SDKs do.
                Thread.sleep(1000 * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            last = json(answer);
            if (last.get("status").asText().equals(status)
                    && last.get("health").get("kubernetes").get("readyReplicas").asInt() == ready) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not " + status + " with " + ready + " ready in 60 s: " + last);
    }

    @Test
    void theFirstStartMakesAnAdminKeyAndTheSeedFlowRunsAndARestartKeepsEverything() throws Exception {
        String adminKey;
        String agentId;
        String userKey;
        try (Running first = start()) {
            adminKey = Files.readString(home.resolve("admin-api-key")).trim();
            assertThat(adminKey).startsWith("alk_");
            // Standard output here is not a terminal: the key stays in the 0600 file, out of any log.
            assertThat(first.printed()).doesNotContain(adminKey).contains(home.resolve("admin-api-key").toString());

            HttpResponse<String> created = call(first, "POST", "/api/agents", adminKey, SEED_FLOW_AGENT);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            assertThat(created.headers().firstValue("X-RateLimit-Limit")).isPresent();
            agentId = json(created).get("agentId").asText();

            awaitStatus(first, agentId, adminKey, "DEPLOYED", 1);
            HttpResponse<String> scaled = call(first, "POST", "/api/agents/" + agentId + "/scale", adminKey,
                    "{\"replicas\": 2}");
            assertThat(scaled.statusCode()).isEqualTo(202);
            assertThat(json(scaled).get("status").asText()).isEqualTo("SCALING");
            awaitStatus(first, agentId, adminKey, "DEPLOYED", 2);

            HttpResponse<String> key = call(first, "POST", "/api/auth/generate-key", adminKey,
                    "{\"username\": \"alice\", \"email\": \"alice@example.com\", \"role\": \"USER\"}");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            userKey = json(key).get("apiKey").asText();
            assertThat(call(first, "GET", "/api/agents", userKey, null).statusCode()).isEqualTo(200);
            assertThat(json(call(first, "GET", "/api/agents", userKey, null)).get("total").asLong()).isZero();
        }

        try (Running second = start()) {
            assertThat(second.printed()).doesNotContain("alk_");
            // The simulated cluster starts empty: the reconciler's first run re-creates the agent's objects, as
            // it would after someone deleted them by hand, and the kubelet makes both replicas ready again.
            awaitStatus(second, agentId, adminKey, "DEPLOYED", 2);
            assertThat(call(second, "GET", "/api/users/profile", userKey, null).statusCode()).isEqualTo(200);
            HttpResponse<String> intruder = call(second, "GET", "/api/agents/" + agentId + "/status", userKey, null);
            assertThat(intruder.statusCode()).isEqualTo(404);
            assertThat(json(intruder).get("error").get("code").asText()).isEqualTo("AGENT_NOT_FOUND");
        }
    }
}
