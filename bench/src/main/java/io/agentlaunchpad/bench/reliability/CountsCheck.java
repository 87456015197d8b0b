package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentCounts;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.tables.TableSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * After the traffic: the counts the listing's {@code total} reads (per owner, per owner and status, and everyone's)
 * against a full count of the items, for every user of the run and for everyone. A miscount is a failure; a planted
 * one (a count moved without an agent) must be caught, so the check can fail.
 */
final class CountsCheck {

    private final DynamoAgentStore store;
    private final DynamoAgentCounts counts;

    CountsCheck(DynamoDbClient dynamo) {
        this.store = DynamoAgentStore.inTables(dynamo, Reliability.TABLE_PREFIX);
        this.counts = new DynamoAgentCounts(new TableSet(dynamo, Reliability.TABLE_PREFIX));
    }

    void check(Collection<String> owners, Tally tally) {
        List<String> checked = new ArrayList<>(owners);
        checked.add(null);
        int compared = 0;
        for (String owner : checked) {
            compared += compare(owner, tally);
        }
        tally.put("countsCompared", compared);
        tally.note("counts: " + compared + " counts (" + owners.size() + " owners and everyone's, in all and per "
                + "status) compared with a full count of the items");

        String planted = "control-" + UUID.randomUUID();
        Tally scratch = new Tally("counts control");
        counts.transition(planted, null, AgentStatus.DEPLOYED);
        try {
            compare(planted, scratch);
        } finally {
            counts.transition(planted, AgentStatus.DEPLOYED, null);
        }
        if (scratch.failureList().stream().noneMatch(f -> f.contains(planted))) {
            tally.failure("counts control: a count moved without an agent was not caught");
        }
    }

    private int compare(String owner, Tally tally) {
        int compared = 0;
        List<AgentStatus> statuses = new ArrayList<>(List.of(AgentStatus.values()));
        statuses.add(null);
        for (AgentStatus status : statuses) {
            AgentQuery query = new AgentQuery(owner, status, 1, 0, null);
            long counted = store.count(query);
            long full = store.countItems(query);
            if (counted != full) {
                tally.failure("counts: " + (owner == null ? "everyone" : owner) + " "
                        + (status == null ? "in all" : status) + " counted " + counted + ", full count " + full);
            }
            compared++;
        }
        return compared;
    }
}
