package io.agentlaunchpad.agents;

import io.agentlaunchpad.agents.AgentRevision.RevisionKind;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.agents.dynamodb.DynamoRevisionStore;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.BackendsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revisions are written in one transaction with their agent: both or neither; retention and removal by key. */
class DynamoRevisionStoreTest {

    @RegisterExtension
    static final BackendsExtension backends = new BackendsExtension();
    final DynamoAgentStore agents = DynamoAgentStore.inTables(backends.dynamo(), backends.prefix());
    final DynamoRevisionStore revisions = new DynamoRevisionStore(new TableSet(backends.dynamo(), backends.prefix()));

    static AgentRevision revisionOf(Agent agent, RevisionKind kind) {
        return new AgentRevision(agent.agentId(), agent.generation(), agent.updatedAt(), agent.owner(), "key-1",
                "req-" + agent.generation(), kind, null, List.of("resources.replicas"), agent.spec(),
                agent.sealedPlatforms(), agent.platformView());
    }

    static Agent next(Agent agent) {
        return agent.next(agent.spec().withResources(agent.spec().resources().withReplicas(
                agent.spec().resources().replicas() + 1)), agent.sealedPlatforms(), agent.platformView(),
                AgentStatus.SCALING, Instant.now(), null);
    }

    @Test
    void aChangeAndItsRevisionAreWrittenTogether_andARefusedChangeLeavesNoRevision() {
        Agent created = DynamoAgentStoreTest.agent("owner-r", Instant.now());
        agents.create(created, revisionOf(created, RevisionKind.CREATE));
        Agent second = next(created);
        agents.replace(second, created.version(), revisionOf(second, RevisionKind.SCALE), 0);

        Agent stale = next(created); // made from version 1 again: the version moved on
        assertThatThrownBy(() -> agents.replace(stale, created.version(), revisionOf(stale, RevisionKind.UPDATE), 0))
                .isInstanceOf(VersionConflictException.class);

        assertThat(revisions.find(created.agentId(), 2).orElseThrow().kind()).isEqualTo(RevisionKind.SCALE);
        assertThat(revisions.list(created.agentId(), 10, null).revisions()).extracting(AgentRevision::revision)
                .containsExactly(2L, 1L);
        assertThatThrownBy(() -> agents.create(created, revisionOf(created, RevisionKind.CREATE)))
                .isInstanceOf(AgentAlreadyExistsException.class);
    }

    @Test
    void theExpiredRevisionGoesInTheSameWrite_andPagesRunNewestFirst() {
        Agent agent = DynamoAgentStoreTest.agent("owner-r", Instant.now());
        agents.create(agent, revisionOf(agent, RevisionKind.CREATE));
        for (int i = 0; i < 4; i++) {
            Agent after = next(agent);
            AgentRevision made = revisionOf(after, RevisionKind.SCALE);
            agents.replace(after, agent.version(), made, made.revision() - 3);
            agent = after;
        }

        RevisionStore.Page first = revisions.list(agent.agentId(), 2, null);
        RevisionStore.Page second = revisions.list(agent.agentId(), 2, first.next());

        assertThat(first.revisions()).extracting(AgentRevision::revision).containsExactly(5L, 4L);
        assertThat(second.revisions()).extracting(AgentRevision::revision).containsExactly(3L);
        assertThat(second.next()).isNull();
        assertThat(revisions.find(agent.agentId(), 2)).isEmpty();
    }

    @Test
    void anAgentRemovedTakesItsRevisionsWithIt() {
        Agent agent = DynamoAgentStoreTest.agent("owner-r", Instant.now());
        agents.create(agent, revisionOf(agent, RevisionKind.CREATE));
        Agent deleting = agent.next(agent.spec(), agent.sealedPlatforms(), agent.platformView(), AgentStatus.DELETING,
                Instant.now(), null);
        agents.replace(deleting, agent.version());

        assertThat(agents.deleteObserved(agent.agentId(), 2)).isTrue();

        assertThat(revisions.list(agent.agentId(), 10, null).revisions()).isEmpty();
    }

    @Test
    void theRevisionTheDeployerSawReadyIsRecorded() {
        Agent agent = DynamoAgentStoreTest.agent("owner-r", Instant.now());
        agents.create(agent, revisionOf(agent, RevisionKind.CREATE));

        agents.recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYED, 1, null, Instant.now());

        assertThat(agents.find(agent.agentId()).orElseThrow().deployedRevision()).isEqualTo(1);
    }
}
