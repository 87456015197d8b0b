package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform over real HTTP, started as {@code ./launchpad up} starts it (gateway, authorizer, route
 * functions, the SQS trigger feeding the deployer, the reconciler, the simulated cluster and registry): the seed's
 * creation flow to DEPLOYED and a scale to two ready replicas, every route once, a blocked scan, rate limiting,
 * and kubectl reading what the deployer applied.
 */
class LocalPlatformEndToEndTest {

    static final Duration DEPLOY_WAIT = Duration.ofSeconds(60);
    static final String SEED_FLOW_AGENT = Events.bodyFile("seed-complete-flow-agent.json");

    static Path home;
    static LocalPlatform.Running platform;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The admin key makes hundreds of calls in seconds here: its limits are lifted as local/e2e.sh lifts them (the
     * limits themselves are what the 429 test and the Maven suites check, on a key of their own).
     */
    static final java.util.Map<String, String> LIFTED_ADMIN_LIMITS = java.util.Map.of(
            "launchpad.rate-limits.admin", "100000,100000",
            "launchpad.usage-plans.admin", "rate=1000,burst=1000,quota=1000000");

    @BeforeAll
    static void start() throws IOException {
        home = Files.createTempDirectory("launchpad-e2e");
        LIFTED_ADMIN_LIMITS.forEach(System::setProperty);
        try {
            platform = LocalPlatform.startIn(home);
        } finally {
            LIFTED_ADMIN_LIMITS.keySet().forEach(System::clearProperty);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        platform.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.tree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String admin() {
        return platform.adminKey();
    }

    /** Polls the status route until the agent's status satisfies {@code done}; fails with the last answer. */
    static JsonNode awaitStatus(String agentId, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(DEPLOY_WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> status = call("GET", "/api/agents/" + agentId + "/status", admin(), null);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            last = json(status);
            if (done.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("agent " + agentId + " did not get there in " + DEPLOY_WAIT + "; last status: " + last);
    }

    static String createSeedAgent() throws Exception {
        HttpResponse<String> created = call("POST", "/api/agents", admin(), SEED_FLOW_AGENT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json(created).get("agentId").asText();
    }

    @Test
    void theSeedsCompleteCreationFlow_reachesDeployedAndScalesToTwoReadyReplicas() throws Exception {
        String agentId = createSeedAgent();

        JsonNode deployed = awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        assertThat(deployed.get("health").get("overall").asText()).isEqualTo("HEALTHY");
        assertThat(deployed.get("health").get("kubernetes").get("readyReplicas").asInt()).isEqualTo(1);
        assertThat(deployed.get("url").asText()).isEqualTo("https://" + agentId + ".agents.localhost");

        HttpResponse<String> scaled = call("POST", "/api/agents/" + agentId + "/scale", admin(), "{\"replicas\": 2}");
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(202);

        JsonNode two = awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED")
                && s.get("health").get("kubernetes").get("readyReplicas").asInt() == 2);
        assertThat(two.get("health").get("kubernetes").get("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void kubectl_readsTheObjectsTheDeployerApplied() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl) || onPath("kubectl"), "kubectl is not installed here");
        String agentId = createSeedAgent();
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));

        Process process = new ProcessBuilder("kubectl", "--kubeconfig", home.resolve("kubeconfig").toString(),
                "get", "deploy", "-A", "-o", "name").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("deployment.apps/" + agentId);
    }

    @Test
    void anAgentOnTheBlockedImage_failsItsScanWithAHighEvent_andTheNextCreateIsRefusedAtOnce() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode agent = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.tree(SEED_FLOW_AGENT);
        agent.remove("platforms");
        agent.putArray("selectedPlugins").add("@elizaos/plugin-knowledge");
        String body = agent.toString();
        HttpResponse<String> created = call("POST", "/api/agents", admin(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String agentId = json(created).get("agentId").asText();

        JsonNode failed = awaitStatus(agentId, s -> s.get("status").asText().equals("FAILED"));
        assertThat(failed.get("reason").asText()).contains("SECURITY_SCAN_FAILED");

        JsonNode events = json(call("GET", "/api/security/events?severity=HIGH", admin(), null));
        assertThat(events.get("events").findValuesAsText("agentId")).contains(agentId);

        HttpResponse<String> again = call("POST", "/api/agents", admin(), body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(json(again).get("error").get("code").asText()).isEqualTo("SECURITY_SCAN_FAILED");
    }

    @Test
    void aWrongKeyIs401_andAKeyOverItsBurstIs429WithRetryAfter() throws Exception {
        HttpResponse<String> wrong = call("GET", "/api/agents", "alk_not-a-real-key", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").get("code").asText()).isEqualTo("INVALID_API_KEY");

        String viewer = newKey("VIEWER");
        HttpResponse<String> answer = null;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answer = call("GET", "/api/agents", viewer, null);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                break;
            }
            assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        }
        assertThat(answer.statusCode()).as("statuses " + statuses).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(answer).get("error").get("code").asText()).isEqualTo("RESOURCE_LIMIT_EXCEEDED");
    }

    @Test
    void everyRouteOfTheRouteTable_answersWithoutAServerError() throws Exception {
        String agentId = createSeedAgent();
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        Set<String> called = new HashSet<>(Set.of("createAgent"));
        String userKeyId;

        String username = "route-" + System.nanoTime();
        HttpResponse<String> key = expect(called, "generateKey", 201, "POST", "/api/auth/generate-key",
                "{\"username\": \"" + username + "\", \"email\": \"r@example.com\", \"role\": \"USER\"}");
        userKeyId = json(key).get("keyId").asText();
        HttpResponse<String> link = expect(called, "linkIdentity", 201, "POST", "/api/users/links",
                "{\"issuer\": \"https://sso.example.com\", \"subject\": \"" + username + "-sub\", \"username\": \""
                        + username + "\"}");
        expect(called, "listIdentityLinks", 200, "GET", "/api/users/links?limit=5", null);
        expect(called, "unlinkIdentity", 200, "DELETE", "/api/users/links/" + json(link).get("linkId").asText(), null);
        expect(called, "listKeys", 200, "GET", "/api/auth/keys", null);
        expect(called, "listAgents", 200, "GET", "/api/agents?limit=5", null);
        expect(called, "getAgent", 200, "GET", "/api/agents/" + agentId, null);
        expect(called, "getAgentStatus", 200, "GET", "/api/agents/" + agentId + "/status", null);
        String version = json(call("GET", "/api/agents/" + agentId, admin(), null)).get("version").asText();
        expect(called, "updateAgent", 202, "PUT", "/api/agents/" + agentId,
                "{\"description\": \"updated over real HTTP\"}");
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        expect(called, "restartAgent", 202, "POST", "/api/agents/" + agentId + "/restart", null);
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        expect(called, "scaleAgent", 202, "POST", "/api/agents/" + agentId + "/scale", "{\"replicas\": 1}");
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        expect(called, "listAgentEvents", 200, "GET", "/api/agents/" + agentId + "/events", null);
        expect(called, "listAgentRevisions", 200, "GET", "/api/agents/" + agentId + "/revisions", null);
        expect(called, "getAgentRevision", 200, "GET", "/api/agents/" + agentId + "/revisions/1", null);
        expect(called, "rollbackAgent", 202, "POST", "/api/agents/" + agentId + "/rollback", "{\"revision\": 1}");
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        expect(called, "getAgentMetrics", 200, "GET", "/api/agents/" + agentId + "/metrics", null);
        expect(called, "getAgentLogs", 200, "GET", "/api/agents/" + agentId + "/logs?lines=10", null);
        // A real agent answers; a simulated pod has no process, so the API server's proxy finds no endpoint: 409.
        conversation(called, "sendAgentMessage", "POST", "/api/agents/" + agentId + "/messages",
                "{\"content\": \"Hello!\"}");
        conversation(called, "listAgentMessages", "GET", "/api/agents/" + agentId + "/messages?limit=5", null);
        HttpResponse<String> scan = call("POST", "/api/security/scan/" + agentId, admin(), null);
        assertThat(scan.statusCode()).as(scan.body()).isIn(200, 202);
        called.add("scanAgent");
        expect(called, "getScan", 200, "GET", "/api/security/scans/" + json(scan).get("scanId").asText(), null);
        expect(called, "listSecurityEvents", 200, "GET", "/api/security/events", null);
        HttpResponse<String> health = expect(called, "getHealth", 200, "GET", "/api/health", null);
        assertThat(json(health).get("components").get("kubernetes").get("mode").asText()).isEqualTo("simulated");
        assertThat(json(health).get("components").get("kubernetes").get("agentRuntime").asText())
                .as("startIn keeps simulated pods").isEqualTo("simulated");
        expect(called, "getSystemMetrics", 200, "GET", "/api/system/metrics", null);
        expect(called, "getUserProfile", 200, "GET", "/api/users/profile", null);
        expect(called, "updateUserProfile", 200, "PUT", "/api/users/profile", "{\"email\": \"admin@example.com\"}");
        expect(called, "revokeKey", 200, "DELETE", "/api/auth/keys/" + userKeyId, null);
        expect(called, "deleteAgent", 202, "DELETE", "/api/agents/" + agentId, null);
        assertThat(version).isNotBlank();

        assertThat(called).containsExactlyInAnyOrderElementsOf(
                RouteTable.ROUTES.stream().map(Route::function).collect(Collectors.toSet()));
        Instant deadline = Instant.now().plus(DEPLOY_WAIT);
        int status = 200;
        while (status != 404 && Instant.now().isBefore(deadline)) {
            status = call("GET", "/api/agents/" + agentId, admin(), null).statusCode();
            TimeUnit.MILLISECONDS.sleep(250);
        }
        assertThat(status).as("the deleted agent's record goes once its objects are gone").isEqualTo(404);
    }

    static HttpResponse<String> expect(Set<String> called, String function, int status, String method, String path,
                                       String body) throws Exception {
        HttpResponse<String> response = call(method, path, admin(), body);
        assertThat(response.statusCode()).as(function + ": " + response.body()).isEqualTo(status);
        assertThat(RouteTable.match(method, path.replaceAll("\\?.*$", ""))).map(Route::function)
                .as("the route %s %s serves", method, path).contains(function);
        called.add(function);
        return response;
    }

    static void conversation(Set<String> called, String function, String method, String path, String body)
            throws Exception {
        HttpResponse<String> response = call(method, path, admin(), body);
        assertThat(response.statusCode()).as(function + ": " + response.body()).isIn(200, 409);
        if (response.statusCode() == 409) {
            assertThat(json(response).get("error").get("message").asText()).contains("not running");
        }
        assertThat(RouteTable.match(method, path.replaceAll("\\?.*$", ""))).map(Route::function).contains(function);
        called.add(function);
    }

    static String newKey(String role) throws Exception {
        HttpResponse<String> key = call("POST", "/api/auth/generate-key", admin(), "{\"username\": \"u-"
                + System.nanoTime() + "\", \"email\": \"u@example.com\", \"role\": \"" + role + "\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        return json(key).get("apiKey").asText();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
