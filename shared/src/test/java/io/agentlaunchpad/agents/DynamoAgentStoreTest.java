package io.agentlaunchpad.agents;

import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.testing.BackendsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoAgentStoreTest {

    @RegisterExtension
    static final BackendsExtension backends = new BackendsExtension();
    final DynamoAgentStore store = DynamoAgentStore.inTables(backends.dynamo(), backends.prefix());

    static Agent agent(String owner, Instant createdAt) {
        String id = "agent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AgentSpec spec = new AgentSpec("bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("1Gi", "500m", 1));
        return new Agent(id, owner, spec, "sealed", Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, createdAt, createdAt,
                null, null);
    }

    @Test
    void anObservationThatChangesNothing_writesNothing_soTheVersionStays() {
        Agent agent = agent(newUser(), Instant.now());
        store.create(agent);

        assertThat(store.recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYING, 0, null, null)).isTrue();
        long afterChange = store.find(agent.agentId()).orElseThrow().version();
        assertThat(store.recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYING, 0, null, null)).isTrue();

        assertThat(afterChange).isEqualTo(2);
        assertThat(store.find(agent.agentId()).orElseThrow().version()).isEqualTo(afterChange);
        assertThat(store.recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYING, 1, null, null)).isTrue();
        assertThat(store.find(agent.agentId()).orElseThrow().version()).isEqualTo(afterChange + 1);
        assertThat(store.recordObserved(agent.agentId(), 2, AgentStatus.DEPLOYED, 1, null, null)).isFalse();
    }

    @Test
    void theSealedAuthTokenIsKeptOnce_bumpsTheVersion_andSurvivesTheNextChange() {
        Agent agent = agent(newUser(), Instant.now());
        store.create(agent);
        assertThat(store.find(agent.agentId()).orElseThrow().sealedAuthToken()).isNull();

        assertThat(store.keepAuthToken(agent.agentId(), "sealed-token-1")).isTrue();
        assertThat(store.keepAuthToken(agent.agentId(), "sealed-token-2")).as("never replaced").isFalse();
        assertThat(store.keepAuthToken("agent-nonexistent0", "sealed-token-3")).as("never creates").isFalse();
        assertThat(store.find("agent-nonexistent0")).isEmpty();

        Agent kept = store.find(agent.agentId()).orElseThrow();
        assertThat(kept.sealedAuthToken()).isEqualTo("sealed-token-1");
        assertThat(kept.version()).isEqualTo(2);
        Agent next = kept.next(kept.spec(), kept.sealedPlatforms(), kept.platformView(), AgentStatus.UPDATING,
                Instant.now(), null);
        store.replace(next, kept.version());
        assertThat(store.find(agent.agentId()).orElseThrow().sealedAuthToken()).isEqualTo("sealed-token-1");
    }

    @Test
    void aSecondCreateOfTheSameIdIsRefused() {
        Agent agent = agent(newUser(), Instant.now());
        store.create(agent);
        assertThatThrownBy(() -> store.create(agent)).isInstanceOf(AgentAlreadyExistsException.class);
    }

    @Test
    void aReplaceFromAStaleVersionIsRefusedAndChangesNothing() {
        Agent agent = agent(newUser(), Instant.now());
        store.create(agent);
        Agent next = agent.next(agent.spec(), agent.sealedPlatforms(), agent.platformView(), AgentStatus.SCALING,
                Instant.now(), null);
        store.replace(next, 1);

        assertThatThrownBy(() -> store.replace(next.next(next.spec(), null, Map.of(), AgentStatus.UPDATING,
                Instant.now(), null), 1)).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> store.delete(agent.agentId(), 1)).isInstanceOf(VersionConflictException.class);
        assertThat(store.find(agent.agentId()).orElseThrow().status()).isEqualTo(AgentStatus.SCALING);
    }

    @Test
    void listsManyAgentsInCreationOrderAcrossReadPages() {
        String owner = newUser();
        Instant base = Instant.parse("2024-01-15T10:30:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Agent agent = agent(owner, base.plusSeconds(i));
            store.create(agent);
            newestFirst.add(0, agent.agentId());
        }

        AgentPage first = store.list(new AgentQuery(owner, null, 100, 0, null));
        AgentPage second = store.list(new AgentQuery(owner, null, 100, 0, first.next()));
        AgentPage windowed = store.list(new AgentQuery(owner, AgentStatus.QUEUED, 10, 105, null));

        List<String> walked = new ArrayList<>();
        first.agents().forEach(a -> walked.add(a.agentId()));
        second.agents().forEach(a -> walked.add(a.agentId()));
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        assertThat(second.next()).isNull();
        assertThat(windowed.agents()).extracting(AgentSummary::agentId).containsExactlyElementsOf(newestFirst.subList(105, 115));
        assertThat(store.count(new AgentQuery(owner, null, 1, 0, null))).isEqualTo(120);
        assertThat(store.count(new AgentQuery(owner, AgentStatus.FAILED, 1, 0, null))).isZero();
    }
}
