package io.agentlaunchpad.infra.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentlaunchpad.sdk.AgentLaunchpadClient;
import io.agentlaunchpad.sdk.ApiException;
import io.agentlaunchpad.sdk.ApiObject;
import io.agentlaunchpad.sdk.RequestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference's creation flow as {@code sdks/seed-curl-flow.sh} sends it (the create body is read from that
 * script, not copied), over HTTPS with the Java SDK, taken to the end on a real cluster: create, DEPLOYED within a
 * bounded wait, scale to 2 with both replicas ready, one read each of logs, metrics and health, delete, and the
 * record gone.
 */
final class SeedFlow {

    /** The deployer fails an agent not ready after its progress deadline (15 minutes); a minute more for the queue. */
    static final Duration DEPLOYED_WITHIN = Duration.ofMinutes(16);
    static final Duration SCALED_WITHIN = Duration.ofMinutes(10);
    /** metrics-server measures a new pod within a minute or two. */
    static final Duration METRICS_WITHIN = Duration.ofMinutes(4);
    static final Duration GONE_WITHIN = Duration.ofMinutes(5);
    /** A key just put on its usage plan takes a moment to be honoured at the edge. */
    static final Duration KEY_ACCEPTED_WITHIN = Duration.ofMinutes(3);
    static final Duration POLL = Duration.ofSeconds(10);

    private static final Pattern CREATE_BODY = Pattern.compile(
            "# 1\\. Create agent.*?-d '(\\{.*?})'", Pattern.DOTALL);

    private final AgentLaunchpadClient client;
    private final Consumer<String> log;
    /** The agent this flow created and has not yet seen gone; null before the create and after the delete. */
    private volatile String agentId;

    SeedFlow(AgentLaunchpadClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** The body of the seed script's "1. Create agent" request. */
    static Map<String, Object> createBody(Path seedScript) {
        String script;
        try {
            script = Files.readString(seedScript);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = CREATE_BODY.matcher(script);
        if (!m.find()) {
            throw new IllegalStateException(seedScript + " has no \"# 1. Create agent\" request with a -d '{...}' body");
        }
        try {
            return new ObjectMapper().readValue(m.group(1), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("the create body of " + seedScript + " is not JSON", e);
        }
    }

    String agentId() {
        return agentId;
    }

    /** Waits until the API accepts the new key (the first request after a key is registered may be refused). */
    void awaitKeyAccepted() {
        poll("the API to accept the new admin key", KEY_ACCEPTED_WITHIN, () -> {
            try {
                client.agents().list(Map.of("limit", 1)).first();
                return true;
            } catch (ApiException.AuthenticationException | ApiException.PermissionException refused) {
                log.accept("key not accepted yet (" + refused.status() + " " + refused.code() + ")");
                return false;
            }
        });
    }

    void run(Map<String, Object> body) {
        // 1. Create (an Idempotency-Key makes a retried create the same agent).
        ApiObject created = client.agents().create(body,
                RequestOptions.none().withIdempotencyKey(UUID.randomUUID().toString()));
        assertThat(created.status()).as("create status").isEqualTo(202);
        assertThat(created.string("status")).as("create .status").isEqualTo("QUEUED");
        agentId = created.string("agentId");
        log.accept("created " + agentId + " (" + created.requestId() + ")");

        // 2. Status until DEPLOYED on the cluster.
        long started = System.nanoTime();
        ApiObject deployed = client.agents().waitUntilDeployed(agentId, DEPLOYED_WITHIN, POLL,
                s -> log.accept("status " + s.string("status") + health(s)));
        log.accept("DEPLOYED after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + deployed.asMap());

        // 3. Scale to 2, as the seed script checks it, then until both replicas are ready.
        ApiObject scaled = client.agents().scale(agentId, 2);
        assertThat(scaled.status()).as("scale status").isEqualTo(202);
        assertThat(scaled.number("currentReplicas")).as("scale .currentReplicas").isEqualTo(2);
        assertThat(scaled.string("status")).as("scale .status").isEqualTo("SCALING");
        poll("2 ready replicas of " + agentId, SCALED_WITHIN, () -> {
            ApiObject status = client.agents().getStatus(agentId);
            log.accept("status " + status.string("status") + health(status));
            return "DEPLOYED".equals(status.string("status")) && readyReplicas(status) == 2;
        });

        // 4. Logs, metrics and health, once each.
        ApiObject logs = client.agents().logs(agentId, 20, null);
        assertThat(logs.string("agentId")).isEqualTo(agentId);
        assertThat(logs.get("logs")).isInstanceOf(List.class);
        log.accept("logs: " + logs.number("totalLines") + " lines");
        ApiObject[] metrics = new ApiObject[1];
        poll("metrics of " + agentId + " (metrics-server)", METRICS_WITHIN, () -> {
            try {
                metrics[0] = client.agents().metrics(agentId);
                return true;
            } catch (ApiException.ServerException notYet) {
                log.accept("metrics not yet: " + notYet.getMessage());
                return false;
            }
        });
        assertThat(metrics[0].object("metrics").number("pods")).as("pods measured").isPositive();
        log.accept("metrics: " + metrics[0].asMap());
        ApiObject health = client.system().health();
        assertThat(health.string("status")).as("platform health").isIn("HEALTHY", "DEGRADED");
        assertThat(health.object("components").has("kubernetes")).isTrue();
        log.accept("health: " + health.asMap());

        // 5. Delete, until the record is gone.
        ApiObject deleting = client.agents().delete(agentId);
        assertThat(deleting.status()).as("delete status").isEqualTo(202);
        assertThat(deleting.string("status")).as("delete .status").isEqualTo("DELETING");
        awaitGone();
    }

    /** Deletes the agent if this flow left it behind (a failed step) and waits for it to go; best effort. */
    void deleteLeftover() {
        if (agentId == null) {
            return;
        }
        try {
            client.agents().delete(agentId);
        } catch (ApiException.ConflictException alreadyDeleting) {
            // DELETING already
        } catch (ApiException.NotFoundException gone) {
            agentId = null;
            return;
        }
        awaitGone();
    }

    private void awaitGone() {
        String id = agentId;
        poll("the record of " + id + " to go", GONE_WITHIN, () -> {
            try {
                log.accept("status " + client.agents().getStatus(id).string("status"));
                return false;
            } catch (ApiException.NotFoundException gone) {
                assertThat(gone.code()).isEqualTo("AGENT_NOT_FOUND");
                return true;
            }
        });
        log.accept(id + " deleted, its record gone");
        agentId = null;
    }

    private static long readyReplicas(ApiObject status) {
        return status.object("health").object("kubernetes").number("readyReplicas");
    }

    private static String health(ApiObject status) {
        if (!status.has("health") || status.get("health") == null) {
            return "";
        }
        ApiObject k8s = status.object("health").object("kubernetes");
        return " (ready " + k8s.get("readyReplicas") + "/" + k8s.get("replicas")
                + (status.optionalString("reason").map(r -> ", " + r).orElse("")) + ")";
    }

    /** Polls {@code done} every {@link #POLL} until it holds, failing after {@code within}. */
    static void poll(String what, Duration within, Supplier<Boolean> done) {
        poll(what, within, POLL, done);
    }

    static void poll(String what, Duration within, Duration every, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toMinutes() + " min for " + what + " in vain");
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
