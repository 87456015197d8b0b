package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.commands;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries with an Idempotency-Key create once; concurrent writes are detected, never lost. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentConcurrencyTest {

    @Inject
    AgentFunctions functions;

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String user = newUser();
        String key = UUID.randomUUID().toString();

        ProxyResponse first = functions.createAgent(Events.api("createAgent").user(user).header("Idempotency-Key", key).request());
        ProxyResponse retry = functions.createAgent(Events.api("createAgent").user(user).header("Idempotency-Key", key).request());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        String agentId = body(first).get("agentId").asText();
        assertThat(body(functions.listAgents(Events.api("listAgents").user(user).query(Map.of()).request()))
                .get("total").asLong()).isEqualTo(1);
        assertThat(commands(agentId)).hasSize(1);
    }

    @Test
    void theSameBodyWithKeysInAnotherOrderIsStillTheSameRequest() {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        ObjectNode original = Events.api("createAgent").bodyTree();
        ObjectNode reordered = Responses.reorder(original);

        ProxyResponse first = functions.createAgent(Events.api("createAgent").user(user).header("Idempotency-Key", key).body(original).request());
        ProxyResponse retry = functions.createAgent(Events.api("createAgent").user(user).header("Idempotency-Key", key).body(reordered).request());

        assertThat(body(retry).get("agentId").asText()).isEqualTo(body(first).get("agentId").asText());
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        functions.createAgent(Events.api("createAgent").user(user).header("Idempotency-Key", key).request());
        ObjectNode other = Events.api("createAgent").bodyTree().put("description", "another bot");

        JsonNode conflict = error(functions.createAgent(Events.api("createAgent").user(user)
                .header("Idempotency-Key", key).body(other).request()), 409, "CONFLICT");

        assertThat(conflict.get("message").asText()).contains("Idempotency-Key");
        assertThat(body(functions.listAgents(Events.api("listAgents").user(user).query(Map.of()).request()))
                .get("total").asLong()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String a = body(functions.createAgent(Events.api("createAgent").user(newUser()).header("Idempotency-Key", key).request()))
                .get("agentId").asText();
        String b = body(functions.createAgent(Events.api("createAgent").user(newUser()).header("Idempotency-Key", key).request()))
                .get("agentId").asText();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        assertThat(fields(functions.createAgent(Events.api("createAgent").user(newUser())
                .header("Idempotency-Key", "has spaces and ünïcode").request()))).containsExactly("Idempotency-Key");
    }

    @Test
    void aStaleIfMatchVersionIsAConflict() {
        String user = newUser();
        String agentId = body(functions.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText();
        assertThat(functions.scaleAgent(Events.api("scaleAgent").user(user).agentId(agentId)
                .header("If-Match", "\"1\"").request()).statusCode()).isEqualTo(202);

        error(functions.restartAgent(Events.api("restartAgent").user(user).agentId(agentId)
                .header("If-Match", "\"1\"").request()), 409, "CONFLICT");

        assertThat(commands(agentId)).extracting(c -> c.get("type").asText()).containsExactly("DEPLOY", "SCALE");
    }

    @Test
    void concurrentChangesAreEachAppliedOrRefusedNeverLost() throws Exception {
        String user = newUser();
        String agentId = body(functions.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ProxyResponse>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int replicas = i + 1;
            Callable<ProxyResponse> scale = () -> {
                start.await();
                return functions.scaleAgent(Events.api("scaleAgent").user(user).agentId(agentId)
                        .body("{\"replicas\": " + replicas + "}").request());
            };
            results.add(pool.submit(scale));
        }
        start.countDown();
        int accepted = 0;
        int lastAcceptedGeneration = 0;
        for (Future<ProxyResponse> result : results) {
            ProxyResponse response = result.get();
            assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                error(response, 409, "CONFLICT");
            }
        }
        pool.shutdown();

        JsonNode agent = body(functions.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()));
        assertThat(accepted).isGreaterThanOrEqualTo(1);
        assertThat(agent.get("generation").asLong()).isEqualTo(1 + accepted);
        assertThat(commands(agentId)).filteredOn(c -> c.get("type").asText().equals("SCALE")).hasSize(accepted);
    }
}
