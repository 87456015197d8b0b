package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.limits.Usage;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.commands;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits (fixed windows per key) and resource quotas (per user), under a clock the test moves. */
@QuarkusTest
@TestProfile(TightLimits.class)
@QuarkusTestResource(BackendsResource.class)
class LimitsTest {

    @Inject
    AgentFunctions agents;

    @Inject
    TestClock clock;

    @Inject
    ResourceQuotas quotas;

    @Inject
    SecurityEvents events;

    @Test
    void rateLimit_countsDownThenAnswers429WithRetryAfterAndDoesNothing() {
        clock.set(Instant.parse("2030-01-01T10:00:10Z"));
        String admin = newUser();
        for (int i = 2; i >= 0; i--) {
            ProxyResponse ok = agents.listAgents(Events.api("listAgents").admin(admin).request());
            assertThat(ok.statusCode()).isEqualTo(200);
            // the one-minute burst window (3) runs out before the 15-minute one (5)
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(i));
            assertThat(ok.header("X-RateLimit-Reset")).isEqualTo(Long.toString(Instant.parse("2030-01-01T10:01:00Z").getEpochSecond()));
        }

        ProxyResponse limited = agents.createAgent(Events.api("createAgent").admin(admin).request());
        JsonNode err = error(limited, 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(limited.header("Retry-After")).isEqualTo("50");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(err.get("details").get("limit").asInt()).isEqualTo(3);
        assertThat(agentsOf(admin)).isZero();
        assertThat(quotas.usage(admin)).isEqualTo(Usage.NONE);
        assertThat(events.recent(admin, 5)).extracting(SecurityEvent::type).contains(SecurityEventType.RATE_LIMITED.name());
    }

    @Test
    void rateLimit_opensAgainInTheNextMinuteUntilTheFifteenMinuteWindowIsSpent() {
        clock.set(Instant.parse("2030-01-02T10:00:10Z"));
        String admin = newUser();
        for (int i = 0; i < 3; i++) {
            assertThat(agents.listAgents(Events.api("listAgents").admin(admin).request()).statusCode()).isEqualTo(200);
        }
        assertThat(agents.listAgents(Events.api("listAgents").admin(admin).request()).statusCode()).isEqualTo(429);

        clock.set(Instant.parse("2030-01-02T10:01:00Z"));
        ProxyResponse fourth = agents.listAgents(Events.api("listAgents").admin(admin).request());
        assertThat(fourth.statusCode()).isEqualTo(200);
        ProxyResponse fifth = agents.listAgents(Events.api("listAgents").admin(admin).request());
        assertThat(fifth.statusCode()).isEqualTo(200);
        assertThat(fifth.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(fifth.header("X-RateLimit-Remaining")).isEqualTo("0");

        clock.set(Instant.parse("2030-01-02T10:02:00Z"));
        ProxyResponse sixth = agents.listAgents(Events.api("listAgents").admin(admin).request());
        error(sixth, 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(sixth.header("X-RateLimit-Reset")).isEqualTo(Long.toString(Instant.parse("2030-01-02T10:15:00Z").getEpochSecond()));
        assertThat(sixth.header("Retry-After")).isEqualTo("780");

        clock.set(Instant.parse("2030-01-02T10:15:00Z"));
        assertThat(agents.listAgents(Events.api("listAgents").admin(admin).request()).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimit_countsPerKeyAndPerUserAcrossTheirKeys() {
        clock.set(Instant.parse("2030-01-03T10:00:10Z"));
        String admin = newUser();
        for (int i = 0; i < 3; i++) {
            agents.listAgents(Events.api("listAgents").admin(admin).keyId("key_aaaa0001").request());
        }
        assertThat(agents.listAgents(Events.api("listAgents").admin(admin).keyId("key_aaaa0001").request()).statusCode()).isEqualTo(429);
        // Another key of the same user buys no more requests: the user's own windows are spent too.
        assertThat(agents.listAgents(Events.api("listAgents").admin(admin).keyId("key_aaaa0002").request()).statusCode()).isEqualTo(429);
        // Another user's key counts apart.
        assertThat(agents.listAgents(Events.api("listAgents").admin(newUser()).keyId("key_aaaa0003").request()).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimit_aRefusedRead_answers429WithNothingItRead_evenWhereTheReadItselfFailed() {
        clock.set(Instant.parse("2030-02-20T10:00:10Z"));
        String admin = newUser();
        String agentId = body(agents.createAgent(Events.api("createAgent").admin(admin).request()))
                .get("agentId").asText();
        ProxyResponse read = agents.getAgent(Events.api("getAgent").admin(admin).pathParameter("agentId", agentId)
                .request());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(agentId);
        assertThat(agents.listAgents(Events.api("listAgents").admin(admin).request()).statusCode()).isEqualTo(200);

        // Reads run beside their count: the count's refusal decides, the agent the read found is not returned.
        ProxyResponse refused = agents.getAgent(Events.api("getAgent").admin(admin).pathParameter("agentId", agentId)
                .request());
        error(refused, 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(refused.body()).doesNotContain(agentId).doesNotContain("personality");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        ProxyResponse refusedMissing = agents.getAgent(Events.api("getAgent").admin(admin)
                .pathParameter("agentId", "agent-missing00000").request());
        error(refusedMissing, 429, "RESOURCE_LIMIT_EXCEEDED");
    }

    @Test
    void quota_refusesTheAgentBeyondTheCountWithDetails() {
        String user = newUser();
        for (int i = 0; i < 3; i++) {
            assertThat(agents.createAgent(small(user)).statusCode()).isEqualTo(202);
        }
        ProxyResponse refused = agents.createAgent(small(user));
        JsonNode err = error(refused, 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(err.get("details").get("quota").asText()).isEqualTo("agents");
        assertThat(err.get("details").get("limit").asInt()).isEqualTo(3);
        assertThat(err.get("details").get("current").asInt()).isEqualTo(3);
        assertThat(agentsOf(user)).isEqualTo(3);
    }

    @Test
    void quota_countsCpuOfAllReplicasOnScaleAndRefusesTooManyReplicas() {
        String user = newUser();
        String agentId = body(agents.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText();
        assertThat(quotas.usage(user)).isEqualTo(new Usage(1, 500, 1024L * 1024 * 1024));

        assertThat(agents.scaleAgent(scale(user, agentId, 2)).statusCode()).isEqualTo(202);
        assertThat(quotas.usage(user).milliCpu()).isEqualTo(1000);

        JsonNode cpu = error(agents.scaleAgent(scale(user, agentId, 3)), 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(cpu.get("details").get("quota").asText()).isEqualTo("milliCpu");
        assertThat(cpu.get("details").get("limit").asLong()).isEqualTo(1000);
        assertThat(cpu.get("details").get("current").asLong()).isEqualTo(1000);

        JsonNode replicas = error(agents.scaleAgent(scale(user, agentId, 5)), 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(replicas.get("details").get("quota").asText()).isEqualTo("replicasPerAgent");
        assertThat(commands(agentId)).hasSize(2); // the deploy and the one scale that fitted

        assertThat(agents.scaleAgent(scale(user, agentId, 1)).statusCode()).isEqualTo(202);
        assertThat(quotas.usage(user).milliCpu()).isEqualTo(500);
    }

    @Test
    void quota_refusesAnUpdateWhoseCpuWouldExceedItAndKeepsTheSpec() {
        String user = newUser();
        String agentId = body(agents.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText();
        ProxyResponse refused = agents.updateAgent(Events.api("updateAgent").user(user).agentId(agentId)
                .body("{\"resources\": {\"cpu\": \"2\"}}").request());
        JsonNode err = error(refused, 429, "RESOURCE_LIMIT_EXCEEDED");
        assertThat(err.get("details").get("quota").asText()).isEqualTo("milliCpu");
        assertThat(err.get("details").get("requested").asLong()).isEqualTo(1500);
        assertThat(quotas.usage(user).milliCpu()).isEqualTo(500);
        JsonNode detail = body(agents.getAgent(Events.api("getAgent").user(user).agentId(agentId).request()));
        assertThat(detail.get("resources").get("cpu").asText()).isEqualTo("500m");
    }

    @Test
    void quota_staysExactWhenCreatesRaceAndDeletesGiveBack() throws Exception {
        String user = newUser();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ProxyResponse>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> agents.createAgent(small(user))));
            }
            int accepted = 0;
            int refused = 0;
            List<String> ids = new ArrayList<>();
            for (Future<ProxyResponse> f : results) {
                ProxyResponse r = f.get();
                if (r.statusCode() == 202) {
                    accepted++;
                    ids.add(body(r).get("agentId").asText());
                } else {
                    error(r, 429, "RESOURCE_LIMIT_EXCEEDED");
                    refused++;
                }
            }
            assertThat(accepted).isEqualTo(3);
            assertThat(refused).isEqualTo(5);
            assertThat(quotas.usage(user).agents()).isEqualTo(3);
            assertThat(agentsOf(user)).isEqualTo(3);

            ProxyResponse deleted = agents.deleteAgent(Events.api("deleteAgent").user(user).agentId(ids.get(0)).request());
            assertThat(deleted.statusCode()).isEqualTo(202);
            // deleting again gives nothing back twice
            agents.deleteAgent(Events.api("deleteAgent").user(user).agentId(ids.get(0)).request());
            assertThat(quotas.usage(user).agents()).isEqualTo(2);
            assertThat(agents.createAgent(small(user)).statusCode()).isEqualTo(202);
        } finally {
            pool.shutdownNow();
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static io.agentlaunchpad.http.ProxyRequest small(String user) {
        ObjectNode body = Events.api("createAgent").bodyTree();
        ((ObjectNode) body.get("resources")).put("cpu", "100m").put("replicas", 1);
        return Events.api("createAgent").user(user).body(body).request();
    }

    static io.agentlaunchpad.http.ProxyRequest scale(String user, String agentId, int replicas) {
        return Events.api("scaleAgent").user(user).agentId(agentId).body("{\"replicas\": " + replicas + "}").request();
    }

    static int agentsOf(String owner) {
        var b = BackendsResource.current();
        return b.dynamo.query(QueryRequest.builder().tableName(b.prefix + "agents").indexName("byOwner")
                .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s(owner))).build()).count();
    }
}
