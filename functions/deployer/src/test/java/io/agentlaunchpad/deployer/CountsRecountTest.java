package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.AgentCountsRecount;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.Backends;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table filled before the listing's counts existed (agents, no counts items, no marker) on AWS: the scheduled
 * sweep builds the counts once, a later sweep leaves them to the writes, and of two sweeps at once one counts.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class CountsRecountTest extends DeployerFixture {

    @Inject
    AgentCountsRecount recount;

    Backends backends;
    String counters;
    String ownerA;
    String ownerB;

    @BeforeEach
    void aTableFromBeforeTheCounts() {
        backends = BackendsResource.current();
        counters = backends.prefix + "counters";
        ownerA = newUser();
        ownerB = newUser();
        create(ownerA);
        create(ownerA);
        deployed(ownerB);
        queue.purge();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        backends.dynamo.scanPaginator(b -> b.tableName(counters)).items().forEach(item -> {
            if (item.get("counterKey").s().startsWith("agents#")) {
                keys.add(Map.of("counterKey", item.get("counterKey")));
            }
        });
        keys.forEach(key -> backends.dynamo.deleteItem(b -> b.tableName(counters).key(key)));
        assertThat(counts().count(query(ownerA, null))).isZero();
    }

    @Test
    void oneSweepBuildsTheCounts_andTheyEqualAFullCount() {
        functions.reconcile();

        DynamoAgentStore counted = counts();
        for (String owner : Arrays.asList(ownerA, ownerB, null)) {
            for (AgentStatus status : Arrays.asList(null, AgentStatus.QUEUED, AgentStatus.DEPLOYING,
                    AgentStatus.DEPLOYED)) {
                assertThat(counted.count(query(owner, status))).as(owner + " " + status)
                        .isEqualTo(counted.countItems(query(owner, status)));
            }
        }
        assertThat(counted.count(query(ownerA, null))).isEqualTo(2);
        assertThat(counted.count(query(ownerB, AgentStatus.DEPLOYED))).isEqualTo(1);
        assertThat(counted.count(query(null, null))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aSecondSweepDoesNotRecount() {
        functions.reconcile();
        backends.dynamo.updateItem(b -> b.tableName(counters)
                .key(Map.of("counterKey", AttributeValue.fromS("agents#owner#" + ownerA)))
                .updateExpression("SET #all = :n").expressionAttributeNames(Map.of("#all", "all"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("99"))));

        functions.reconcile();

        assertThat(counts().count(query(ownerA, null))).as("left to the writes").isEqualTo(99);
    }

    @Test
    void twoSweepsAtOnce_recountOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Long>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return recount.ifNeverCounted();
            }));
        }
        List<Long> counted = new ArrayList<>();
        for (CompletableFuture<Long> run : runs) {
            counted.add(run.get());
        }

        assertThat(counted).filteredOn(n -> n >= 0).hasSize(1);
        assertThat(counted).filteredOn(n -> n == -1).hasSize(1);
        assertThat(counts().count(query(ownerA, null))).isEqualTo(2);
    }

    private DynamoAgentStore counts() {
        return DynamoAgentStore.inTables(backends.dynamo, backends.prefix);
    }

    private static AgentQuery query(String owner, AgentStatus status) {
        return new AgentQuery(owner, status, 1, 0, null);
    }
}
