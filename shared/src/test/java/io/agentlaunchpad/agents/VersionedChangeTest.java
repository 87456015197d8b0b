package io.agentlaunchpad.agents;

import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.QueueUnavailableException;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VersionedChangeTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final RevisionHistory HISTORY = new RevisionHistory(null, 2);

    final InMemoryAgentStore store = new InMemoryAgentStore();
    final List<DeployCommand> sent = new ArrayList<>();
    final VersionedChange changes = new VersionedChange(store, (command, delay) -> sent.add(command), HISTORY,
            QueuedChanges.NONE);

    static Agent agent(AgentStatus status) {
        AgentSpec spec = new AgentSpec("bot", null, new Personality(null, List.of("bio"), null, null),
                List.of(), new Resources("512Mi", "250m", 1));
        return new Agent("agent-1", "user-1", spec, "sealed", Map.of(), status, null, 1, 1, 0, NOW, NOW, null, null);
    }

    static Function<Agent, Agent> toScaling() {
        return a -> a.next(a.spec(), a.sealedPlatforms(), a.platformView(), AgentStatus.SCALING, NOW, null);
    }

    @Test
    void aChangeIsWrittenAsTheNextGenerationAndSentAsACommandForIt() {
        store.create(agent(AgentStatus.DEPLOYED));

        Agent after = changes.apply(agent(AgentStatus.DEPLOYED), "\"1\"", CommandType.SCALE, "req-1", toScaling());

        assertThat(after.generation()).isEqualTo(2);
        assertThat(store.find("agent-1").orElseThrow().status()).isEqualTo(AgentStatus.SCALING);
        assertThat(sent).containsExactly(new DeployCommand(CommandType.SCALE, "agent-1", 2, "req-1",
                "2026-12-03T12:00:00Z"));
    }

    @Test
    void aStaleIfMatchIsAConflictAndWritesNothing() {
        store.create(agent(AgentStatus.DEPLOYED));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> changes.apply(agent(AgentStatus.DEPLOYED),
                "7", CommandType.SCALE, "req-1", toScaling()));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.getMessage()).contains("version 1, not 7");
        assertThat(store.replaces).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void withoutIfMatch_anObservationThatMovedTheVersion_isWrittenOver() {
        store.create(agent(AgentStatus.QUEUED));
        store.recordObserved("agent-1", 1, AgentStatus.DEPLOYING, 0, null, null);

        Agent after = changes.apply(agent(AgentStatus.QUEUED), null, CommandType.SCALE, "req-1", toScaling());

        assertThat(after.version()).isEqualTo(3);
        assertThat(store.replaces).isEqualTo(2);
    }

    @Test
    void withoutIfMatch_aNewerGenerationIsStillAConflict() {
        Agent stale = agent(AgentStatus.DEPLOYED);
        store.create(stale);
        store.replace(toScaling().apply(stale), 1);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> changes.apply(stale, null,
                CommandType.SCALE, "req-1", toScaling()));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(sent).isEmpty();
    }

    @Test
    void anAgentBeingDeletedTakesNoOtherChange() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> changes.apply(
                agent(AgentStatus.DELETING), null, CommandType.RESTART, "req-1", toScaling()));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.getMessage()).contains("being deleted");
    }

    @Test
    void aRecordedChangeWhoseCommandCannotBeSentIsA503AndStaysRecorded() {
        store.create(agent(AgentStatus.DEPLOYED));
        VersionedChange queueDown = new VersionedChange(store, (c, delay) -> {
            throw new QueueUnavailableException("down", null);
        }, HISTORY, QueuedChanges.NONE);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> queueDown.apply(
                agent(AgentStatus.DEPLOYED), null, CommandType.SCALE, "req-1", toScaling()));

        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(store.find("agent-1").orElseThrow().generation()).isEqualTo(2);
    }

    @Test
    void aChangeThatMakesARevisionWritesItWithTheRecordAndLetsTheOldestKeptGo() {
        Principal caller = new Principal("user-1", "u", "USER", java.util.Set.of("agents:*"), "key-1");
        store.create(agent(AgentStatus.DEPLOYED));
        for (int i = 0; i < 3; i++) {
            changes.apply(store.find("agent-1").orElseThrow(), null, CommandType.SCALE, "req-" + i, toScaling(),
                    (current, next) -> HISTORY.next(current, next, caller, "req", AgentRevision.RevisionKind.SCALE,
                            null, List.of()));
        }

        // generations 2, 3, 4 made revisions; a retention of 2 keeps 3 and 4
        assertThat(store.revisions.keySet()).containsExactlyInAnyOrder("agent-1#3", "agent-1#4");
        assertThat(store.revisions.get("agent-1#4").keyId()).isEqualTo("key-1");
    }
}
