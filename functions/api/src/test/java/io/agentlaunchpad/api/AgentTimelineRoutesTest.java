package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/agents/{agentId}/events} and {@code GET .../status?waitFor=...&timeout=...} through their functions. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentTimelineRoutesTest {

    @Inject
    AgentFunctions agents;

    @Inject
    TimelineFunctions timeline;

    @Inject
    AgentStore store;

    String owner;
    String agentId;

    @BeforeEach
    void agent() {
        owner = "user-" + UUID.randomUUID().toString().substring(0, 8);
        agentId = body(agents.createAgent(Events.api("createAgent").user(owner).request())).get("agentId").asText();
    }

    private ProxyResponse events(String user, Map<String, String> query) {
        return timeline.listAgentEvents(Events.api("listAgentEvents").user(user).agentId(agentId).query(query)
                .request());
    }

    private ProxyResponse status(Map<String, String> query) {
        return agents.getAgentStatus(Events.api("getAgentStatus").user(owner).agentId(agentId).query(query)
                .request());
    }

    @Test
    void aNewAgentsTimelineSaysItsCreationIsQueued() {
        JsonNode page = body(events(owner, Map.of()));

        assertThat(page.get("agentId").asText()).isEqualTo(agentId);
        assertThat(page.get("events")).hasSize(1);
        JsonNode entry = page.get("events").get(0);
        assertThat(entry.get("type").asText()).isEqualTo("QUEUED");
        assertThat(entry.get("revision").asLong()).isEqualTo(1);
        assertThat(entry.get("message").asText()).contains("revision 1 is queued");
        assertThat(entry.get("timestamp").asText()).matches(Responses.SECOND_TIMESTAMP);
    }

    @Test
    void pagesWithNextToken_newestFirst() {
        agents.restartAgent(Events.api("restartAgent").user(owner).agentId(agentId).request());
        JsonNode first = body(events(owner, Map.of("limit", "1")));
        assertThat(first.get("events").get(0).get("message").asText()).isEqualTo("Restart queued");

        JsonNode second = body(events(owner, Map.of("limit", "1", "nextToken", first.get("nextToken").asText())));
        assertThat(second.get("events").get(0).get("message").asText()).contains("Creation accepted");
    }

    @Test
    void anotherUsersAgentsTimelineIsNotFound() {
        error(events("user-other-" + UUID.randomUUID().toString().substring(0, 6), Map.of()), 404,
                "AGENT_NOT_FOUND");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit, 0", "limit, 101", "limit, x", "nextToken, bm90LWEta2V5", "nextToken, %%%"})
    void badPagingIsAValidationErrorNamingTheField(String field, String value) {
        JsonNode error = error(events(owner, Map.of(field, value)), 400, "VALIDATION_ERROR");
        assertThat(error.toString()).contains(field);
    }

    @Test
    void waitFor_answersOnceTheAgentReachesTheWantedState() {
        CompletableFuture<Void> deployer = CompletableFuture.runAsync(() -> {
            sleep(300);
            store.recordObserved(agentId, 1, AgentStatus.DEPLOYED, 1, null, java.time.Instant.now());
        });

        JsonNode answer = body(status(Map.of("waitFor", "DEPLOYED", "timeout", "25s")));
        deployer.join();

        assertThat(answer.get("status").asText()).isEqualTo("DEPLOYED");
    }

    @Test
    void waitFor_aFailureEndsTheWaitWithTheReason() {
        store.recordObserved(agentId, 1, AgentStatus.FAILED, 0, "CrashLoopBackOff: it exits", null);

        JsonNode answer = body(status(Map.of("waitFor", "DEPLOYED,STOPPED")));

        assertThat(answer.get("status").asText()).isEqualTo("FAILED");
        assertThat(answer.get("reason").asText()).startsWith("CrashLoopBackOff");
    }

    @Test
    void waitFor_answersTheCurrentStatusAtTheTimeout() {
        JsonNode answer = body(status(Map.of("waitFor", "deployed", "timeout", "1s")));

        assertThat(answer.get("status").asText()).isEqualTo("QUEUED");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"waitFor, NOPE", "waitFor, 'DEPLOYED,'", "timeout, 26s", "timeout, 0s", "timeout, soon",
            "timeout, -1", "timeout, 99999999999"})
    void badWaitParametersAreAValidationErrorNamingTheField(String field, String value) {
        Map<String, String> query = field.equals("timeout") ? Map.of("waitFor", "DEPLOYED", field, value)
                : Map.of(field, value);
        JsonNode error = error(status(query), 400, "VALIDATION_ERROR");
        assertThat(error.toString()).contains(field);
    }

    @Test
    void aTimeoutWithoutWaitForNamesWaitFor() {
        assertThat(error(status(Map.of("timeout", "5s")), 400, "VALIDATION_ERROR").toString()).contains("waitFor");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
