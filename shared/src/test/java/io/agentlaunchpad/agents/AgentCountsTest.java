package io.agentlaunchpad.agents;

import io.agentlaunchpad.agents.dynamodb.AgentRecount;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.tables.TableProvisioner;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The listing's {@code total} comes from counts the status writes keep: they must equal a full count, always. */
class AgentCountsTest {

    static Backends backends;
    static DynamoAgentStore store;

    @BeforeAll
    static void start() {
        backends = Backends.start();
        store = DynamoAgentStore.inTables(backends.dynamo, backends.prefix);
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    @Test
    void countsEqualAFullCount_afterConcurrentCreatesTransitionsDeletesAndRedeliveries() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String other = "owner-" + UUID.randomUUID();
        Map<AgentStatus, Long> everyoneBefore = everyone();
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            agents.add(DynamoAgentStoreTest.agent(i % 4 == 3 ? other : owner, Instant.now().plusMillis(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            all(pool, agents.stream().map(a -> (Callable<Object>) () -> {
                store.create(a);
                return null;
            }).toList());
            // Each transition written twice at once (a racing writer or a redelivered message): counted once.
            List<Callable<Object>> twice = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                String id = agents.get(i).agentId();
                AgentStatus end = i % 3 == 0 ? AgentStatus.FAILED : AgentStatus.DEPLOYED;
                for (int copy = 0; copy < 2; copy++) {
                    twice.add(() -> {
                        store.recordObserved(id, 1, AgentStatus.DEPLOYING, 0, null, null);
                        store.recordObserved(id, 1, end, end == AgentStatus.DEPLOYED ? 1 : 0,
                                end == AgentStatus.FAILED ? "image pull failed" : null, null);
                        return null;
                    });
                }
            }
            all(pool, twice);
            List<Callable<Object>> deletes = new ArrayList<>();
            for (int i = 0; i < agents.size(); i += 5) {
                String id = agents.get(i).agentId();
                deletes.add(() -> store.deleteObserved(id, 1));
                deletes.add(() -> store.deleteObserved(id, 1));
            }
            all(pool, deletes);
        } finally {
            pool.shutdownNow();
        }
        // Redelivered after the fact: the record already says so, nothing is written or counted.
        Agent redelivered = agents.get(1);
        store.recordObserved(redelivered.agentId(), 1, AgentStatus.DEPLOYED, 1, null, null);

        for (String who : List.of(owner, other)) {
            assertThat(store.count(query(who, null))).as(who).isEqualTo(store.countItems(query(who, null)));
            for (AgentStatus status : AgentStatus.values()) {
                assertThat(store.count(query(who, status))).as(who + " " + status)
                        .isEqualTo(store.countItems(query(who, status)));
            }
        }
        assertThat(store.count(query(owner, null))).isEqualTo(18 - 4);
        assertThat(store.count(query(owner, AgentStatus.FAILED)) + store.count(query(other, AgentStatus.FAILED)))
                .isEqualTo(8 - 2);
        Map<AgentStatus, Long> everyoneAfter = everyone();
        assertThat(everyoneAfter.get(null) - everyoneBefore.get(null)).isEqualTo(24 - 5);
        assertThat(everyoneAfter.get(AgentStatus.DEPLOYED) - everyoneBefore.get(AgentStatus.DEPLOYED))
                .isEqualTo(store.countItems(query(owner, AgentStatus.DEPLOYED))
                        + store.countItems(query(other, AgentStatus.DEPLOYED)));
        assertThat(everyoneAfter.get(null)).isEqualTo(store.countItems(query(null, null)));
    }

    @Test
    void anOwnersChangesMoveTheirStatusCounts_andAStaleReplaceCountsNothing() {
        String owner = "owner-" + UUID.randomUUID();
        Agent agent = DynamoAgentStoreTest.agent(owner, Instant.now());
        store.create(agent);
        Agent scaling = agent.next(agent.spec(), agent.sealedPlatforms(), agent.platformView(), AgentStatus.SCALING,
                Instant.now(), null);
        store.replace(scaling, 1);
        try {
            store.replace(scaling, 1);
        } catch (VersionConflictException expected) {
            // refused: the stored version moved on
        }

        assertThat(store.count(query(owner, AgentStatus.QUEUED))).isZero();
        assertThat(store.count(query(owner, AgentStatus.SCALING))).isEqualTo(1);
        assertThat(store.count(query(owner, null))).isEqualTo(1);
        store.delete(agent.agentId(), 2);
        assertThat(store.count(query(owner, null))).isZero();
        assertThat(store.count(query(owner, AgentStatus.SCALING))).isZero();
    }

    @Test
    void aStateFromBeforeTheCounts_isCountedOnce_whenEveryonesCountsAreMissing() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TableProvisioner.createAll(backends.dynamo, prefix);
        AgentCounts none = new AgentCounts() {
            @Override
            public void transition(String owner, AgentStatus from, AgentStatus to) {
            }

            @Override
            public long count(String owner, AgentStatus status) {
                return 0;
            }
        };
        DynamoAgentStore older = new DynamoAgentStore(new TableSet(backends.dynamo, prefix), none,
                DeploymentCounters.NONE);
        for (int i = 0; i < 5; i++) {
            Agent agent = DynamoAgentStoreTest.agent(i < 3 ? "owner-a" : "owner-b", Instant.now().plusMillis(i));
            older.create(agent);
            if (i == 0) {
                older.recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYED, 1, null, null);
            }
        }
        DynamoAgentStore counted = DynamoAgentStore.inTables(backends.dynamo, prefix);

        assertThat(AgentRecount.ifMissing(backends.dynamo, prefix)).isEqualTo(5);
        assertThat(AgentRecount.ifMissing(backends.dynamo, prefix)).as("once").isEqualTo(-1);
        for (String owner : java.util.Arrays.asList("owner-a", "owner-b", null)) {
            for (AgentStatus status : java.util.Arrays.asList(null, AgentStatus.QUEUED, AgentStatus.DEPLOYED)) {
                assertThat(counted.count(query(owner, status))).as(owner + " " + status)
                        .isEqualTo(counted.countItems(query(owner, status)));
            }
        }
        assertThat(counted.count(query("owner-a", AgentStatus.DEPLOYED))).isEqualTo(1);
    }

    private static Map<AgentStatus, Long> everyone() {
        Map<AgentStatus, Long> counts = new LinkedHashMap<>();
        counts.put(null, store.count(query(null, null)));
        for (AgentStatus status : AgentStatus.values()) {
            counts.put(status, store.count(query(null, status)));
        }
        return counts;
    }

    private static AgentQuery query(String owner, AgentStatus status) {
        return new AgentQuery(owner, status, 1, 0, null);
    }

    private static void all(ExecutorService pool, List<Callable<Object>> calls) throws Exception {
        for (Future<Object> f : pool.invokeAll(calls)) {
            f.get();
        }
    }
}
