package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** waitUntilDeployed: the held status request, progress and timeline callbacks, FAILED and the timeout. */
class WaitUntilDeployedTest extends WithPeer {

    @Test
    void waitUntilDeployed_reportsProgress_andReturnsOnDeployed() {
        peer.answer(Answer.json(200, "{\"agentId\":\"a\",\"status\":\"QUEUED\"}"),
                Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYING\"}"),
                Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYED\",\"url\":\"https://a.agents\"}"));
        List<String> seen = new ArrayList<>();

        ApiObject status = client.agents().waitUntilDeployed("a", Duration.ofSeconds(5), Duration.ofMillis(10),
                s -> seen.add(s.string("status")));

        assertThat(status.string("url")).isEqualTo("https://a.agents");
        assertThat(seen).containsExactly("QUEUED", "DEPLOYING", "DEPLOYED");
    }

    @Test
    void waitUntilDeployed_asksTheApiToHoldTheAnswerUntilDeployed() {
        peer.answer(Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYED\"}"));

        client.agents().waitUntilDeployed("a", Duration.ofMinutes(10), Duration.ofMillis(10), null);

        assertThat(peer.requests.get(0).path()).isEqualTo("/api/agents/a/status");
        assertThat(peer.requests.get(0).query()).isEqualTo(Map.of("waitFor", "DEPLOYED", "timeout", "20s"));
    }

    @Test
    void waitUntilDeployed_reportsEachNewTimelineEntryOfTheRolloutOnce_oldestFirst() {
        String queued = entry("2", 2, "queued");
        String scanned = entry("3", 2, "scan passed");
        peer.answer(Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYING\"}"),
                Answer.json(200, "{\"events\":[" + scanned + "," + queued + "," + entry("1", 1, "older") + "]}"),
                Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYED\"}"),
                Answer.json(200, "{\"events\":[" + entry("5", 2, "2/2 replicas ready: DEPLOYED") + ","
                        + entry("4", 2, "1/2 replicas ready") + "," + scanned + "," + queued + "]}"));
        List<String> told = new ArrayList<>();

        client.agents().waitUntilDeployed("a", Duration.ofSeconds(30), Duration.ofMillis(10), null,
                e -> told.add(e.string("message")));

        assertThat(told).containsExactly("queued", "scan passed", "1/2 replicas ready", "2/2 replicas ready: DEPLOYED");
        assertThat(peer.requests).extracting(Peer.Seen::path).containsExactly("/api/agents/a/status",
                "/api/agents/a/events", "/api/agents/a/status", "/api/agents/a/events");
    }

    private static String entry(String id, long revision, String message) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"2024-01-15T10:30:00Z\",\"revision\":" + revision
                + ",\"type\":\"QUEUED\",\"message\":\"" + message + "\"}";
    }

    @Test
    void waitUntilDeployed_throwsTheReasonOnFailed() {
        peer.answer(Answer.json(200, "{\"agentId\":\"a\",\"status\":\"FAILED\",\"reason\":\"ImagePullBackOff\"}"));

        assertThatThrownBy(() -> client.agents().waitUntilDeployed("a", Duration.ofSeconds(5), Duration.ofMillis(10), null))
                .isInstanceOfSatisfying(ApiException.DeploymentFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo("ImagePullBackOff"));
    }

    @Test
    void waitUntilDeployed_timesOut() {
        peer.always(Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYING\"}"));

        assertThatThrownBy(() -> client.agents().waitUntilDeployed("a", Duration.ofMillis(150), Duration.ofMillis(20), null))
                .isInstanceOf(ApiException.TimeoutException.class);
    }
}
