package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/agents/{agentId}/logs}: pod logs through fabric8 from the simulated kubelet, merged and followed. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class AgentLogRoutesTest extends AgentOnClusterFixture {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MonitoringFunctions monitoring;

    SimulatedPodLogs kubelet;

    @BeforeEach
    void kubelet() {
        kubelet = new SimulatedPodLogs(server, kube);
    }

    ProxyResponse logs(Map<String, String> query) {
        return monitoring.getAgentLogs(Events.api("getAgentLogs").user(owner).agentId(agentId).query(query).request());
    }

    static List<String> messages(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("logs").forEach(l -> out.add(l.get("message").asText()));
        return out;
    }

    @Test
    void getAgentLogs_mergesEveryPodAndTheRestartedContainersPreviousLogInTimeOrderWithLevels() {
        kubelet.pod(namespace, agentId + "-a", agentId, 1);
        kubelet.pod(namespace, agentId + "-b", agentId, 0);
        kubelet.serve(namespace, agentId + "-a", true, null, 101,
                "2024-01-15T13:19:00.000000001Z {\"level\":50,\"time\":1,\"msg\":\"Out of memory\"}\n");
        kubelet.serve(namespace, agentId + "-a", false, null, 101,
                "2024-01-15T13:20:00.5Z [2024-01-15 13:20:00] INFO: Agent started successfully\n"
                        + "2024-01-15T13:22:00Z \u001B[33mWarn\u001B[39m Rate limited by Discord\n");
        kubelet.serve(namespace, agentId + "-b", false, null, 101,
                "2024-01-15T13:21:00Z Connected to Discord\n"
                        + "2024-01-15T13:23:00Z ERROR: Plugin failed to load\n");

        ProxyResponse response = logs(Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(messages(body)).containsExactly("Out of memory", "Agent started successfully",
                "Connected to Discord", "Rate limited by Discord", "Plugin failed to load");
        List<String> levels = new ArrayList<>();
        List<String> pods = new ArrayList<>();
        List<String> times = new ArrayList<>();
        body.get("logs").forEach(l -> {
            levels.add(l.get("level").asText());
            pods.add(l.get("pod").asText());
            times.add(l.get("timestamp").asText());
        });
        assertThat(levels).containsExactly("ERROR", "INFO", "INFO", "WARN", "ERROR");
        assertThat(pods).containsExactly(agentId + "-a", agentId + "-a", agentId + "-b", agentId + "-a",
                agentId + "-b");
        assertThat(times).containsExactly("2024-01-15T13:19:00.000000001Z", "2024-01-15T13:20:00.500Z",
                "2024-01-15T13:21:00Z", "2024-01-15T13:22:00Z", "2024-01-15T13:23:00Z");
        assertThat(body.get("totalLines").asInt()).isEqualTo(5);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        assertThat(body.get("follow").asBoolean()).isFalse();
        assertThat(body.get("cursor").asText()).isNotBlank();
    }

    @Test
    void getAgentLogs_aCrashLoopingPodsLastRun_isReadOnce_thoughThePlainAndThePreviousReadBothAnswerIt() {
        kubelet.crashLooping(namespace, agentId + "-a", agentId, 4);
        String lastRun = "2024-01-15T13:20:00Z INFO: Agent starting\n"
                + "2024-01-15T13:20:01Z ERROR: Invalid DISCORD_API_TOKEN\n";
        // As the kubelet does for a waiting container: the plain read falls back to the last terminated run.
        kubelet.serve(namespace, agentId + "-a", true, null, 101, lastRun);
        kubelet.serve(namespace, agentId + "-a", false, null, 101, lastRun);

        JsonNode body = body(logs(Map.of()));

        assertThat(messages(body)).containsExactly("Agent starting", "Invalid DISCORD_API_TOKEN");
        assertThat(body.get("totalLines").asInt()).isEqualTo(2);
    }

    @Test
    void getAgentLogs_keepsTheNewestLinesAndSaysWhenItTruncated() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        kubelet.serve(namespace, agentId + "-a", false, null, 3,
                "2024-01-15T13:20:00Z one\n2024-01-15T13:21:00Z two\n2024-01-15T13:22:00Z three\n");
        JsonNode body = body(logs(Map.of("lines", "2")));
        assertThat(messages(body)).containsExactly("two", "three");
        assertThat(body.get("totalLines").asInt()).isEqualTo(2);
        assertThat(body.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void getAgentLogs_sinceAnRfc3339TimeAsksTheKubeletFromThenAndDropsOlderLines() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        Instant since = Instant.parse("2024-01-15T13:21:00Z");
        kubelet.serve(namespace, agentId + "-a", false, since, 101,
                "2024-01-15T13:20:59Z too old\n2024-01-15T13:21:00Z from then\n2024-01-15T13:22:00Z later\n");
        JsonNode body = body(logs(Map.of("since", "2024-01-15T13:21:00Z")));
        assertThat(messages(body)).containsExactly("from then", "later");
    }

    @Test
    void getAgentLogs_followAnswersAsSoonAsNewLinesArriveWithOnlyTheNewOnes() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        kubelet.serve(namespace, agentId + "-a", false, null, 101,
                "2024-01-15T13:20:00Z one\n2024-01-15T13:21:00Z two\n");
        String cursor = body(logs(Map.of())).get("cursor").asText();

        Instant at = Instant.parse("2024-01-15T13:21:00Z");
        kubelet.grow(namespace, agentId + "-a", at, 1001, "2024-01-15T13:21:00Z two\n",
                "2024-01-15T13:21:00Z two\n2024-01-15T13:21:00Z two again\n2024-01-15T13:22:00Z three\n");
        JsonNode followed = body(logs(Map.of("follow", "true", "cursor", cursor)));
        assertThat(messages(followed)).containsExactly("two again", "three");
        assertThat(followed.get("follow").asBoolean()).isTrue();
        assertThat(followed.get("truncated").asBoolean()).isFalse();
        String next = followed.get("cursor").asText();
        assertThat(next).isNotEqualTo(cursor);

        // nothing after the new cursor: the bounded wait (1 s in tests) ends with no lines and the same cursor
        Instant three = Instant.parse("2024-01-15T13:22:00Z");
        kubelet.serve(namespace, agentId + "-a", false, three, 1001, "2024-01-15T13:22:00Z three\n");
        long start = System.nanoTime();
        JsonNode waited = body(logs(Map.of("follow", "true", "cursor", next)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(messages(waited)).isEmpty();
        assertThat(waited.get("totalLines").asInt()).isZero();
        assertThat(waited.get("cursor").asText()).isEqualTo(next);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void getAgentLogs_followHandsOutAFloodOfNewLinesOldestFirstInBoundedPagesWithoutRepeats() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        kubelet.serve(namespace, agentId + "-a", false, null, 101, "2024-01-15T13:20:00Z start\n");
        String cursor = body(logs(Map.of())).get("cursor").asText();

        String flood = "2024-01-15T13:20:00Z start\n2024-01-15T13:21:00Z a\n2024-01-15T13:21:00Z b\n"
                + "2024-01-15T13:21:00Z c\n2024-01-15T13:22:00Z d\n";
        kubelet.serve(namespace, agentId + "-a", false, Instant.parse("2024-01-15T13:20:00Z"), 1001, flood);
        kubelet.serve(namespace, agentId + "-a", false, Instant.parse("2024-01-15T13:21:00Z"), 1001, flood);
        JsonNode first = body(logs(Map.of("follow", "true", "cursor", cursor, "lines", "2")));
        assertThat(messages(first)).containsExactly("a", "b");
        assertThat(first.get("truncated").asBoolean()).isTrue();
        JsonNode second = body(logs(Map.of("follow", "true", "cursor", first.get("cursor").asText(), "lines", "2")));
        assertThat(messages(second)).containsExactly("c", "d");
        assertThat(second.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void getAgentLogs_refusesBadParametersNamingThem() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        Map<String, String> bad = new HashMap<>();
        bad.put("lines", "0");
        assertThat(fields(logs(bad))).containsExactly("lines");
        assertThat(fields(logs(Map.of("lines", "1001")))).containsExactly("lines");
        assertThat(fields(logs(Map.of("lines", "many")))).containsExactly("lines");
        assertThat(fields(logs(Map.of("since", "1 hour")))).containsExactly("since");
        assertThat(fields(logs(Map.of("since", "2999-01-01T00:00:00Z")))).containsExactly("since");
        assertThat(fields(logs(Map.of("follow", "yes")))).containsExactly("follow");
        assertThat(fields(logs(Map.of("follow", "true", "cursor", "%%%")))).containsExactly("cursor");
    }

    @Test
    void getAgentLogs_ofAnAgentWithoutPodsIsAClearConflict() {
        JsonNode error = error(logs(Map.of()), 409, "CONFLICT");
        assertThat(error.get("message").asText()).contains("has no pods").contains("QUEUED");
    }

    @Test
    void getAgentLogs_ofAnotherOwnersAgentIsNotFound() {
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        error(monitoring.getAgentLogs(Events.api("getAgentLogs").user("user-someone-else").agentId(agentId)
                .query(Map.of()).request()), 404, "AGENT_NOT_FOUND");
    }
}
