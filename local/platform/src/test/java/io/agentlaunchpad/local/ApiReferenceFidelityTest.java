package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.emulators.RepoRoot;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.awaitStatus;
import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.call;
import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference, field by field, against the local platform: each route is called as the reference shows it
 * (its example request bodies from {@code events/reference/}), and every field of the reference's example answer
 * must be in the real answer with the same JSON type. The differences this platform keeps on purpose are
 * {@link #DOCUMENTED}, each explained in {@code docs/api-differences.md}; one that no longer shows fails too, so the
 * list stays true. Query parameters, headers and error codes: {@link ApiReferenceRulesTest}.
 */
class ApiReferenceFidelityTest {

    static final String NO_PROMETHEUS = "Network and request figures need a Prometheus";

    /** "example path" of a documented difference -> its heading in docs/api-differences.md. */
    static final Map<String, String> DOCUMENTED = Map.ofEntries(
            Map.entry("getHealth.response $.components.redis", "No Redis: `queue` in place of `redis`"),
            Map.entry("getHealth.response $.components.database.connections", "DynamoDB has no connections"),
            Map.entry("getAgentStatus.response $.health.application.responseTime",
                    "`application.responseTime` only where the agent answered"),
            Map.entry("getAgentMetrics.response $.metrics.network.bytesIn", NO_PROMETHEUS),
            Map.entry("getAgentMetrics.response $.metrics.network.bytesOut", NO_PROMETHEUS),
            Map.entry("getAgentMetrics.response $.metrics.requests.total", NO_PROMETHEUS),
            Map.entry("getAgentMetrics.response $.metrics.requests.success", NO_PROMETHEUS),
            Map.entry("getAgentMetrics.response $.metrics.requests.errors", NO_PROMETHEUS),
            Map.entry("getAgentMetrics.response $.metrics.requests.rate", NO_PROMETHEUS));

    static final String EXAMPLES = "reference/";
    static String referenceAgent;

    @BeforeAll
    static void start() throws Exception {
        LocalPlatformEndToEndTest.start();
        HttpResponse<String> created = call("POST", "/api/agents", admin(), example("createAgent.request"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertMatches("createAgent.response", created);
        referenceAgent = json(created).get("agentId").asText();
        awaitStatus(referenceAgent, s -> s.get("status").asText().equals("DEPLOYED"));
    }

    @AfterAll
    static void stop() throws IOException {
        LocalPlatformEndToEndTest.stop();
    }

    static String admin() {
        return LocalPlatformEndToEndTest.admin();
    }

    static String example(String name) {
        try {
            return Files.readString(Events.file(EXAMPLES + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #problems} of one answer, none expected. */
    static void assertMatches(String exampleName, HttpResponse<String> answer) {
        assertThat(problems(exampleName, answer)).isEmpty();
    }

    /**
     * What the answer lacks of the example's fields (with their types), apart from the documented differences; and
     * each documented difference of the example that no longer shows (to be removed from the list and the docs).
     */
    static List<String> problems(String exampleName, HttpResponse<String> answer) {
        JsonNode example;
        try {
            example = Json.tree(example(exampleName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (ExampleShape.Gap gap : ExampleShape.gaps(example, json(answer))) {
            String key = exampleName + " " + gap.path();
            if (DOCUMENTED.containsKey(key)) {
                shown.add(key);
            } else {
                problems.add(exampleName + " " + gap + " in " + answer.body());
            }
        }
        DOCUMENTED.keySet().stream().filter(k -> k.startsWith(exampleName + " ") && !shown.contains(k))
                .forEach(k -> problems.add(k + ": documented as a difference but no longer one; remove it here and"
                        + " from docs/api-differences.md"));
        return problems;
    }

    @Test
    void everyDocumentedDifference_isExplainedInTheDocs() throws IOException {
        String docs = Files.readString(RepoRoot.get().resolve("docs/api-differences.md"));
        Map<String, String> missing = new TreeMap<>();
        DOCUMENTED.forEach((key, heading) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            if (!docs.contains("## " + heading) || !docs.contains("`" + path + "`")) {
                missing.put(key, heading);
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void generateKey() throws Exception {
        HttpResponse<String> key = call("POST", "/api/auth/generate-key", admin(), example("generateKey.request"));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        assertMatches("generateKey.response", key);
    }

    @Test
    void getAgentStatus_listAgents_metricsAndLogs() throws Exception {
        List<String> problems = new ArrayList<>();
        problems.addAll(problems("getAgentStatus.response",
                call("GET", "/api/agents/" + referenceAgent + "/status", admin(), null)));
        problems.addAll(problems("listAgents.response", call("GET", "/api/agents", admin(), null)));
        problems.addAll(problems("getAgentMetrics.response",
                call("GET", "/api/agents/" + referenceAgent + "/metrics", admin(), null)));
        problems.addAll(problems("getAgentLogs.response",
                call("GET", "/api/agents/" + referenceAgent + "/logs", admin(), null)));
        assertThat(problems).isEmpty();
    }

    @Test
    void scanAgent() throws Exception {
        HttpResponse<String> scan = call("POST", "/api/security/scan/" + referenceAgent, admin(), null);
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        assertMatches("scanAgent.response", scan);
    }

    @Test
    void listSecurityEvents_afterAScanFailed() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode blocked = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.tree(example("createAgent.request"));
        blocked.putArray("selectedPlugins").add("@elizaos/plugin-knowledge");
        blocked.remove("platforms");
        HttpResponse<String> created = call("POST", "/api/agents", admin(), blocked.toString());
        assertThat(created.statusCode()).as(created.body()).isIn(202, 422);
        if (created.statusCode() == 202) {
            awaitStatus(json(created).get("agentId").asText(), s -> s.get("status").asText().equals("FAILED"));
        }
        assertMatches("listSecurityEvents.response", call("GET", "/api/security/events?severity=HIGH", admin(), null));
    }

    @Test
    void getHealth_getSystemMetrics_andTheProfile() throws Exception {
        List<String> problems = new ArrayList<>();
        problems.addAll(problems("getHealth.response", call("GET", "/api/health", admin(), null)));
        problems.addAll(problems("getSystemMetrics.response", call("GET", "/api/system/metrics", admin(), null)));
        HttpResponse<String> updated = call("PUT", "/api/users/profile", admin(), example("updateUserProfile.request"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        problems.addAll(problems("getUserProfile.response", call("GET", "/api/users/profile", admin(), null)));
        assertThat(problems).isEmpty();
    }

    @Test
    void theErrorFormat() throws Exception {
        HttpResponse<String> missing = call("GET", "/api/agents/agent-123abc", admin(), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertMatches("error.response", missing);
    }

    /** The writes in the order the reference lists them, on an agent of their own: update, scale, restart, delete. */
    @Test
    void updateScaleRestartAndDelete() throws Exception {
        String agentId = json(call("POST", "/api/agents", admin(), example("createAgent.request")))
                .get("agentId").asText();
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        HttpResponse<String> updated = call("PUT", "/api/agents/" + agentId, admin(), example("updateAgent.request"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(202);
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));

        HttpResponse<String> scaled = call("POST", "/api/agents/" + agentId + "/scale", admin(),
                example("scaleAgent.request"));
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(202);
        assertMatches("scaleAgent.response", scaled);
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));

        HttpResponse<String> restarted = call("POST", "/api/agents/" + agentId + "/restart", admin(), null);
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        assertMatches("restartAgent.response", restarted);
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));

        HttpResponse<String> deleted = call("DELETE", "/api/agents/" + agentId, admin(), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        assertMatches("deleteAgent.response", deleted);
    }

    /** The reference's complete creation flow: create, check status, scale up; its shorter answers. */
    @Test
    void theCompleteCreationFlow() throws Exception {
        HttpResponse<String> created = call("POST", "/api/agents", admin(),
                Events.bodyFile("seed-complete-flow-agent.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertMatches("flow-createAgent.response", created);
        String agentId = json(created).get("agentId").asText();
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        assertMatches("flow-getAgentStatus.response", call("GET", "/api/agents/" + agentId + "/status", admin(), null));
        HttpResponse<String> scaled = call("POST", "/api/agents/" + agentId + "/scale", admin(),
                example("flow-scaleAgent.request"));
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(202);
        assertMatches("flow-scaleAgent.response", scaled);
    }

}
