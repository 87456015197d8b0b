package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.idempotency.IdempotencyRecord;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdempotentCreateTest {

    final Map<String, IdempotencyRecord> records = new HashMap<>();
    final IdempotencyStore store = new IdempotencyStore() {
        @Override
        public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
            IdempotencyRecord earlier = records.putIfAbsent(claim.key(), claim);
            return Optional.ofNullable(earlier);
        }

        @Override
        public void finish(String key, int statusCode, String response) {
            IdempotencyRecord r = records.get(key);
            records.put(key, new IdempotencyRecord(key, r.requestHash(), r.resourceId(), statusCode, response,
                    r.expiresAt()));
        }
    };
    final IdempotentCreate protocol = new IdempotentCreate(store, Duration.ofHours(24),
            Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
    final List<String> work = new ArrayList<>();

    AgentViews.Created create(String agentId, boolean mayExist) {
        work.add(agentId + (mayExist ? " may exist" : " new"));
        return new AgentViews.Created(agentId, "QUEUED", "2026-12-03T12:00:00Z", "soon");
    }

    static JsonNode body(String name) {
        return Json.MAPPER.createObjectNode().put("agentName", name);
    }

    @Test
    void withoutAKeyTheCreateRunsOnceUnderTheProposedId() {
        var result = protocol.run("user-1", null, body("a"), "agent-1", this::create);

        assertThat(result.replayed()).isFalse();
        assertThat(work).containsExactly("agent-1 new");
        assertThat(records).isEmpty();
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerWithoutCreatingAgain() {
        var first = protocol.run("user-1", "k-1", body("a"), "agent-1", this::create);
        var second = protocol.run("user-1", "k-1", body("a"), "agent-2", this::create);

        assertThat(second.replayed()).isTrue();
        assertThat(second.view()).isEqualTo(first.view());
        assertThat(work).containsExactly("agent-1 may exist");
    }

    @Test
    void aFirstAttemptThatStoppedPartWayIsFinishedUnderItsId() {
        catchThrowableOfType(ApiException.class, () -> protocol.run("user-1", "k-1", body("a"), "agent-1",
                (id, mayExist) -> {
                    throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "queue down");
                }));

        var retry = protocol.run("user-1", "k-1", body("a"), "agent-2", this::create);

        assertThat(retry.replayed()).isFalse();
        assertThat(retry.view().agentId()).isEqualTo("agent-1");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        protocol.run("user-1", "k-1", body("a"), "agent-1", this::create);

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> protocol.run("user-1", "k-1", body("b"), "agent-2", this::create));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(work).hasSize(1);
    }

    @Test
    void keysAreKeptPerUser() {
        protocol.run("user-1", "k-1", body("a"), "agent-1", this::create);
        var other = protocol.run("user-2", "k-1", body("a"), "agent-2", this::create);

        assertThat(other.replayed()).isFalse();
        assertThat(other.view().agentId()).isEqualTo("agent-2");
    }

    @Test
    void aMalformedKeyIsAValidationErrorNamingTheHeader() {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> protocol.run("user-1", "bad key!", body("a"), "agent-1", this::create));

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.getMessage()).contains("Idempotency-Key");
    }
}
