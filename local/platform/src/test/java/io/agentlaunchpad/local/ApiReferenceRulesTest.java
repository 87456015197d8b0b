package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.awaitStatus;
import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.call;
import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.json;
import static io.agentlaunchpad.local.LocalPlatformEndToEndTest.newKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API reference says outside its JSON bodies ({@code events/reference/contract.json}), against the local
 * platform: each query parameter it lists does what it says, every answer carries {@code X-Request-Id} and an
 * authenticated one the {@code X-RateLimit-*} headers, and each common error code comes with its HTTP status.
 */
class ApiReferenceRulesTest {

    static JsonNode contract;
    static String agentId;
    static String blockedBody;

    @BeforeAll
    static void start() throws Exception {
        contract = Json.tree(Files.readString(Events.file("reference/contract.json")));
        LocalPlatformEndToEndTest.start();
        agentId = LocalPlatformEndToEndTest.createSeedAgent();
        LocalPlatformEndToEndTest.createSeedAgent();
        awaitStatus(agentId, s -> s.get("status").asText().equals("DEPLOYED"));
        com.fasterxml.jackson.databind.node.ObjectNode blocked = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.tree(LocalPlatformEndToEndTest.SEED_FLOW_AGENT);
        blocked.remove("platforms");
        blocked.putArray("selectedPlugins").add("@elizaos/plugin-knowledge");
        blockedBody = blocked.toString();
        HttpResponse<String> created = call("POST", "/api/agents", admin(), blockedBody);
        awaitStatus(json(created).get("agentId").asText(), s -> s.get("status").asText().equals("FAILED"));
    }

    @AfterAll
    static void stop() throws IOException {
        LocalPlatformEndToEndTest.stop();
    }

    static String admin() {
        return LocalPlatformEndToEndTest.admin();
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> answer = call("GET", path, admin(), null);
        assertThat(answer.statusCode()).as(path + " -> " + answer.body()).isEqualTo(200);
        return json(answer);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.path(field).asText()));
        return out;
    }

    /** Each query parameter the reference lists has a check here that it does what the reference says. */
    /** The differences of these rules that docs/api-differences.md explains, by heading. */
    static final List<String> DOCUMENTED = List.of("DEPLOYMENT_FAILED is a status, not a response",
            "Rate-limit headers describe the window that runs out first");

    @Test
    void theDifferencesTheseChecksAllow_areExplainedInTheDocs() throws IOException {
        String docs = Files.readString(io.agentlaunchpad.emulators.RepoRoot.get().resolve("docs/api-differences.md"));
        assertThat(DOCUMENTED).allMatch(heading -> docs.contains("## " + heading + "\n"));
    }

    @Test
    void everyQueryParameterTheReferenceLists_isHonoured() throws Exception {
        Set<String> checked = new TreeSet<>();

        JsonNode one = ok("/api/agents?limit=1");
        assertThat(one.get("agents")).hasSize(1);
        assertThat(one.get("limit").asInt()).isEqualTo(1);
        checked.add("listAgents.limit");
        JsonNode second = ok("/api/agents?limit=1&offset=1");
        assertThat(second.get("offset").asInt()).isEqualTo(1);
        assertThat(second.get("agents").get(0).get("agentId").asText())
                .isNotEqualTo(one.get("agents").get(0).get("agentId").asText());
        checked.add("listAgents.offset");
        JsonNode deployed = ok("/api/agents?status=DEPLOYED");
        assertThat(texts(deployed.get("agents"), "status")).isNotEmpty().containsOnly("DEPLOYED");
        checked.add("listAgents.status");
        String owner = one.get("agents").get(0).get("owner").asText();
        assertThat(texts(ok("/api/agents?owner=" + owner).get("agents"), "owner")).isNotEmpty().containsOnly(owner);
        HttpResponse<String> notAdmin = call("GET", "/api/agents?owner=" + owner, newKey("USER"), null);
        assertThat(notAdmin.statusCode()).as("owner is admin only").isEqualTo(403);
        checked.add("listAgents.owner");

        String logs = "/api/agents/" + agentId + "/logs";
        JsonNode oneLine = ok(logs + "?lines=1");
        assertThat(oneLine.get("logs")).hasSize(1);
        assertThat(oneLine.get("totalLines").asInt()).isEqualTo(1);
        checked.add("getAgentLogs.lines");
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        for (String since : List.of("1h", "30m")) {
            JsonNode recent = ok(logs + "?since=" + since);
            assertThat(recent.get("logs")).isNotEmpty();
            recent.get("logs").forEach(l -> assertThat(Instant.parse(l.get("timestamp").asText())).isAfter(anHourAgo));
        }
        checked.add("getAgentLogs.since");
        assertThat(ok(logs + "?follow=false").get("logs")).isNotEmpty();
        assertThat(ok(logs + "?follow=true").get("follow").asBoolean()).isTrue();
        checked.add("getAgentLogs.follow");

        assertThat(ok("/api/security/events?limit=1").get("events")).hasSize(1);
        checked.add("listSecurityEvents.limit");
        assertThat(texts(ok("/api/security/events?severity=HIGH").get("events"), "severity"))
                .isNotEmpty().containsOnly("HIGH");
        checked.add("listSecurityEvents.severity");
        Instant from = Instant.now().minusSeconds(600);
        JsonNode since = ok("/api/security/events?since=" + from);
        assertThat(since.get("events")).isNotEmpty();
        since.get("events").forEach(e -> assertThat(Instant.parse(e.get("timestamp").asText())).isAfterOrEqualTo(
                from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        checked.add("listSecurityEvents.since");

        Set<String> listed = new TreeSet<>();
        contract.get("queryParameters").fields().forEachRemaining(route ->
                route.getValue().forEach(p -> listed.add(route.getKey() + "." + p.asText())));
        assertThat(checked).isEqualTo(listed);
    }

    @Test
    void everyAnswerCarriesXRequestId_andAnAuthenticatedOneTheRateLimitHeaders() throws Exception {
        String user = newKey("USER");
        List<HttpResponse<String>> answers = List.of(
                call("GET", "/api/agents", user, null),
                call("GET", "/api/agents/agent-123abc", user, null),
                call("POST", "/api/agents", user, "{}"),
                call("GET", "/api/system/metrics", user, null));
        long now = Instant.now().getEpochSecond();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("X-Request-Id")).as(answer.body()).isPresent();
            for (JsonNode header : contract.get("rateLimitHeaders")) {
                assertThat(answer.headers().firstValue(header.asText())).as(header + " on " + answer.body())
                        .isPresent().get().matches(v -> v.matches("\\d+"));
            }
            assertThat(Long.parseLong(answer.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                    .as("epoch seconds, not yet past").isGreaterThanOrEqualTo(now);
        }
        // DOCUMENTED ("Rate-limit headers describe the window that runs out first"):
        // the reference's two windows, 100 per 15 minutes and a burst of 20 per minute; the headers give the one
        // with fewer requests left, which for a fresh key is the burst.
        JsonNode rate = contract.get("rateLimit");
        assertThat(answers.get(0).headers().firstValue("X-RateLimit-Limit")).as("one of the reference's windows")
                .get().isIn(rate.get("requests").asText(), rate.get("burstPerMinute").asText());
        long reset = Long.parseLong(answers.get(0).headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset - now).as("seconds to the reset of a window at most 15 minutes long")
                .isBetween(0L, 60L * rate.get("perMinutes").asLong());
        HttpResponse<String> anonymous = call("GET", "/api/agents", null, null);
        assertThat(anonymous.headers().firstValue("X-Request-Id")).isPresent();
    }

    /** Each common error code of the reference, provoked as a user would meet it, with the status it lists. */
    @Test
    void everyCommonErrorCode_comesWithItsStatus() throws Exception {
        Map<String, HttpResponse<String>> provoked = new java.util.TreeMap<>();
        provoked.put("INVALID_API_KEY", call("GET", "/api/agents", "alk_not-a-real-key", null));
        provoked.put("INSUFFICIENT_PERMISSIONS", call("POST", "/api/agents", newKey("VIEWER"),
                LocalPlatformEndToEndTest.SEED_FLOW_AGENT));
        provoked.put("AGENT_NOT_FOUND", call("GET", "/api/agents/agent-123abc", admin(), null));
        provoked.put("VALIDATION_ERROR", call("POST", "/api/agents/" + agentId + "/scale", admin(),
                "{\"replicas\": -1}"));
        provoked.put("SECURITY_SCAN_FAILED", call("POST", "/api/agents", admin(), blockedBody));
        String viewer = newKey("VIEWER");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 40 && (limited == null || limited.statusCode() != 429); i++) {
            limited = call("GET", "/api/agents", viewer, null);
        }
        provoked.put("RESOURCE_LIMIT_EXCEEDED", limited);

        Map<String, Integer> expected = new java.util.TreeMap<>();
        contract.get("errorCodes").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> seen = new java.util.TreeMap<>();
        provoked.forEach((code, answer) -> {
            assertThat(json(answer).path("error").path("code").asText()).as(answer.body()).isEqualTo(code);
            seen.put(code, answer.statusCode());
        });
        // DOCUMENTED ("DEPLOYMENT_FAILED is a status, not a response"): a deployment fails after the 202, so no
        // request answers it; the agent's status says FAILED with the code in its reason.
        expected.remove("DEPLOYMENT_FAILED");
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aDeploymentThatFails_saysDeploymentFailedInTheAgentsStatus() throws Exception {
        java.nio.file.Path registry = LocalPlatformEndToEndTest.home.resolve("registry.json");
        String kept = Files.readString(registry);
        JsonNode failed;
        try {
            // The default image gone from the registry: the deployer cannot resolve it, as with a deleted ECR tag.
            Files.writeString(registry, "{\"images\": {}}");
            String doomed = LocalPlatformEndToEndTest.createSeedAgent();
            failed = awaitStatus(doomed, s -> s.get("status").asText().equals("FAILED"));
        } finally {
            Files.writeString(registry, kept);
        }
        assertThat(failed.get("reason").asText()).startsWith("DEPLOYMENT_FAILED");
    }
}
