package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which calls the SDK repeats (and after how long), when it gives up, and how a call ends without an answer. */
class RetriesAndTimeoutsTest extends WithPeer {

    @Test
    void create_retriedAfter503_reusesItsKey_andHonoursRetryAfter() {
        peer.answer(Answer.error(503, "SERVICE_UNAVAILABLE", Map.of("Retry-After", "1")), CREATED);

        client.agents().create(Map.of("agentName", "a"));

        assertThat(peer.requests).hasSize(2);
        assertThat(peer.requests.get(1).header("Idempotency-Key")).isEqualTo(peer.requests.get(0).header("Idempotency-Key"));
        assertThat(peer.requests.get(1).atMillis() - peer.requests.get(0).atMillis()).isGreaterThanOrEqualTo(950);
    }

    @Test
    void rateLimited_waitsUntilTheWindowResets() {
        long reset = System.currentTimeMillis() / 1000 + 1;
        peer.answer(Answer.error(429, "RESOURCE_LIMIT_EXCEEDED", Map.of("X-RateLimit-Limit", "100",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset))),
                Answer.json(200, "{\"agentId\":\"a\",\"status\":\"DEPLOYED\"}"));

        assertThat(client.agents().getStatus("a").string("status")).isEqualTo("DEPLOYED");
        assertThat(peer.requests.get(1).atMillis()).isGreaterThanOrEqualTo(reset * 1000 - 50);
    }

    @Test
    void nonIdempotentPosts_areNotRetried() {
        peer.answer(Answer.error(503, "SERVICE_UNAVAILABLE", Map.of()));

        assertThatThrownBy(() -> client.agents().restart("a")).isInstanceOf(ApiException.ServerException.class);
        assertThat(peer.requests).hasSize(1);
        assertThat(peer.requests.get(0).header("Idempotency-Key")).isNull();
    }

    @Test
    void retriesStopAfterMaxRetries() {
        peer.always(Answer.error(500, "INTERNAL_ERROR", Map.of()));

        assertThatThrownBy(() -> client.agents().get("a", RequestOptions.none().withMaxRetries(2)))
                .isInstanceOf(ApiException.ServerException.class);
        assertThat(peer.requests).hasSize(3);
    }

    @Test
    void aPerCallTimeout_throwsTimeoutException() {
        peer.answer(Answer.hang(2000));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.agents().get("a", RequestOptions.none().withTimeout(Duration.ofMillis(200))))
                .isInstanceOf(ApiException.TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void interruptingTheThread_cancelsTheCall() throws Exception {
        peer.answer(Answer.hang(3000));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.agents().get("a");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(2000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ApiException.CancelledException.class);
    }

    @Test
    void aRefusedConnection_isAConnectionExceptionAfterRetries() {
        AgentLaunchpadClient dead = AgentLaunchpadClient.builder().apiKey("k").baseUrl("http://127.0.0.1:1")
                .maxRetries(1).retryBaseDelay(Duration.ofMillis(1)).build();

        assertThatThrownBy(() -> dead.agents().get("a")).isInstanceOf(ApiException.ConnectionException.class);
    }
}
