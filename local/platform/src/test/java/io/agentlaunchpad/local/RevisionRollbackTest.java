package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.LogCapture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions and rollback on the whole platform: what the simulated cluster runs after a rollback is the old
 * revision's character and secret again, read from its ConfigMap and Secret, and no secret value is shown anywhere.
 */
class RevisionRollbackTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    LocalPlatform.Running platform;
    KubernetesClient observer;
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        platform = LocalPlatform.startIn(home, Map.of("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "2",
                "LAUNCHPAD_RECONCILE_SECONDS", "2", "LAUNCHPAD_SIMULATED_READY_SECONDS", "0.2"));
        observer = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null,
                Files.readString(platform.kubeconfig()), platform.kubeconfig().toString())).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (observer != null) {
            observer.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static String agent(String character, String token) {
        return """
                {"agentName":"rolling","personality":{"system":"%s","bio":["b"]},
                 "selectedPlugins":["@elizaos/plugin-discord"],"resources":{"memory":"512Mi","cpu":"250m"},
                 "platforms":{"discord":{"token":"%s"}}}""".formatted(character, token);
    }

    static String change(String character, String token) {
        return """
                {"personality":{"system":"%s","bio":["b"]},"platforms":{"discord":{"token":"%s"}}}"""
                .formatted(character, token);
    }

    @Test
    void twoUpdatesThenARollbackToRevisionOne_runRevisionOnesCharacterAndSecretAgain_andShowNoSecret()
            throws Exception {
        List<String> secrets = List.of("discord-secret-one-1111", "discord-secret-two-2222",
                "discord-secret-three-3333");
        try (LogCapture logs = LogCapture.start()) {
            String agentId = create(agent("You are ONE.", secrets.get(0)));
            awaitDeployed(agentId, 1);
            assertThat(call("PUT", "/api/agents/" + agentId, change("You are TWO.", secrets.get(1)), null)
                    .statusCode()).isEqualTo(202);
            awaitDeployed(agentId, 2);
            assertThat(call("PUT", "/api/agents/" + agentId, change("You are THREE.", secrets.get(2)), null)
                    .statusCode()).isEqualTo(202);
            awaitDeployed(agentId, 3);
            assertThat(clusterText(agentId)).contains("You are THREE.", secrets.get(2));

            HttpResponse<String> rolledBack = call("POST", "/api/agents/" + agentId + "/rollback",
                    "{\"revision\": 1}", null);

            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(202);
            assertThat(json(rolledBack).get("status").asText()).isEqualTo("UPDATING");
            awaitDeployed(agentId, 4);
            String running = clusterText(agentId);
            assertThat(running).contains("You are ONE.", secrets.get(0))
                    .doesNotContain("You are THREE.", secrets.get(2));
            JsonNode detail = json(call("GET", "/api/agents/" + agentId, null, null));
            assertThat(detail.get("revision").asLong()).isEqualTo(4);
            assertThat(detail.get("deployedRevision").asLong()).isEqualTo(4);
            assertThat(detail.at("/personality/system").asText()).isEqualTo("You are ONE.");

            JsonNode list = json(call("GET", "/api/agents/" + agentId + "/revisions", null, null));
            assertThat(list.get("revisions").findValuesAsText("kind"))
                    .containsExactly("ROLLBACK", "UPDATE", "UPDATE", "CREATE");
            assertThat(list.get("revisions").findValues("revision")).extracting(JsonNode::asLong)
                    .containsExactly(4L, 3L, 2L, 1L);
            JsonNode rollback = list.get("revisions").get(0);
            assertThat(rollback.get("rolledBackFrom").asLong()).isEqualTo(1);
            assertThat(rollback.get("changes")).extracting(JsonNode::asText)
                    .containsExactly("personality.system", "platforms.discord.token");
            assertThat(list.get("revisions").get(1).get("changes")).extracting(JsonNode::asText)
                    .containsExactly("personality.system", "platforms.discord.token");
            String adminUser = json(call("GET", "/api/users/profile", null, null)).get("userId").asText();
            assertThat(list.get("revisions").findValues("createdBy")).allSatisfy(author -> {
                assertThat(author.get("userId").asText()).isEqualTo(adminUser);
                assertThat(author.get("keyId").asText()).isNotBlank();
            });
            JsonNode first = json(call("GET", "/api/agents/" + agentId + "/revisions/1", null, null));
            assertThat(first.at("/spec/personality/system").asText()).isEqualTo("You are ONE.");
            assertThat(first.at("/spec/platforms/discord/token").asText()).isEqualTo("********");
            assertThat(call("POST", "/api/agents/" + agentId + "/rollback", "{\"revision\": 4}", null)
                    .statusCode()).isEqualTo(409);
            assertThat(call("POST", "/api/agents/" + agentId + "/rollback", "{\"revision\": 99}", null)
                    .statusCode()).isEqualTo(404);

            assertThat(logs.platformText()).as("the platform logged the changes").contains(agentId);
            String stored = tableText("agents") + tableText("agent-revisions");
            for (String secret : secrets) {
                assertThat(String.join("\n", answers)).as("responses").doesNotContain(secret);
                assertThat(logs.platformText()).as("the platform's logs").doesNotContain(secret);
                assertThat(stored).as("DynamoDB items").doesNotContain(secret);
            }
        }
    }

    @Test
    void aRollbackRacingAnUpdate_oneWinsTheOtherIs409_andTheWinnersRevisionIsKept() throws Exception {
        String agentId = create(agent("You are ONE.", "race-secret-1"));
        awaitDeployed(agentId, 1);
        call("PUT", "/api/agents/" + agentId, change("You are TWO.", "race-secret-2"), null);
        awaitDeployed(agentId, 2);
        String version = json(call("GET", "/api/agents/" + agentId, null, null)).get("version").asText();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> racing;
        try {
            racing = pool.invokeAll(List.<Callable<HttpResponse<String>>>of(
                    () -> call("POST", "/api/agents/" + agentId + "/rollback", "{\"revision\": 1}", version),
                    () -> call("PUT", "/api/agents/" + agentId, change("You are THREE.", "race-secret-3"), version)));
        } finally {
            pool.shutdown();
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : racing) {
            codes.add(answer.get().statusCode());
        }

        assertThat(codes).containsExactlyInAnyOrder(202, 409);
        boolean rollbackWon = codes.get(0) == 202;
        JsonNode list = json(call("GET", "/api/agents/" + agentId + "/revisions", null, null));
        assertThat(list.get("revisions").findValuesAsText("kind"))
                .containsExactly(rollbackWon ? "ROLLBACK" : "UPDATE", "UPDATE", "CREATE");
        awaitDeployed(agentId, 3);
        assertThat(clusterText(agentId)).contains(rollbackWon ? "You are ONE." : "You are THREE.");
    }

    private String create(String body) throws Exception {
        HttpResponse<String> created = call("POST", "/api/agents", body, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json(created).get("agentId").asText();
    }

    /** Every value of the agent's ConfigMaps and Secrets on the cluster, decoded. */
    private String clusterText(String agentId) {
        StringBuilder text = new StringBuilder();
        for (ConfigMap map : observer.configMaps().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()) {
            text.append(map.getData()).append('\n');
        }
        for (Secret secret : observer.secrets().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()) {
            if (secret.getData() != null) {
                secret.getData().values().forEach(v -> text.append(new String(Base64.getDecoder().decode(v),
                        StandardCharsets.UTF_8)).append('\n'));
            }
            if (secret.getStringData() != null) {
                text.append(secret.getStringData()).append('\n');
            }
        }
        return text.toString();
    }

    private String tableText(String table) {
        return platform.dynamo().scan(b -> b.tableName(LocalPlatform.TABLE_PREFIX + table)).items().toString();
    }

    private void awaitDeployed(String agentId, long revision) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = json(call("GET", "/api/agents/" + agentId + "/status", null, null));
            if ("DEPLOYED".equals(last.path("status").asText()) && last.path("deployedRevision").asLong() == revision) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("revision " + revision + " not deployed within " + WAIT + ": " + last);
    }

    /** An admin call (a 429 of the key's usage plan waited out as told); every answer is kept for the leak check. */
    private HttpResponse<String> call(String method, String path, String body, String ifMatch) throws Exception {
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("X-API-Key", platform.adminKey())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answers.add(answer.body());
            if (answer.statusCode() != 429) {
                return answer;
            }
            Thread.sleep(1000 * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.tree(response.body());
    }
}
