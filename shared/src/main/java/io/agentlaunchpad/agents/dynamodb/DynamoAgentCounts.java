package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentCounts;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.tables.CounterAdd;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: two items of the counters table, {@code agents#owner#<owner>} and {@value #EVERY_OWNER}, each holding
 * {@value #ALL} and one number per status. A transition is one {@code ADD} UpdateItem on each (atomic, so concurrent
 * transitions never lose an increment), the two made at once; a count is one consistent GetItem.
 *
 * <p>The counts follow the agent writes, as the system-metrics counters do: DynamoDB Local's stand-in here has no
 * transactions, so a process killed between an agent's write and its counts' would leave them one off (the
 * reliability suites' end state compares them with a full count). A failed update is logged and does not fail the
 * agent's write: the agent is the truth, the counts a view of it.
 */
@ApplicationScoped
public class DynamoAgentCounts implements AgentCounts {

    static final String EVERY_OWNER = "agents#all";
    static final String ALL = "all";
    private static final int RETRIES = 6;
    private static final JsonLog LOG = JsonLog.of("counters");

    private final Table counters;

    @Inject
    public DynamoAgentCounts(TableSet tables) {
        this.counters = tables.table(Tables.COUNTERS);
    }

    @Override
    public void transition(String owner, AgentStatus from, AgentStatus to) {
        if (from == to) {
            return;
        }
        Map<String, Long> delta = new LinkedHashMap<>();
        if (from == null || to == null) {
            delta.put(ALL, from == null ? 1L : -1L);
        }
        if (from != null) {
            delta.put(from.name(), -1L);
        }
        if (to != null) {
            delta.put(to.name(), 1L);
        }
        CompletableFuture<Void> everyOwner = SideCalls.start(() -> add(EVERY_OWNER, delta, from, to));
        add(ownerKey(owner), delta, from, to);
        everyOwner.join();
    }

    @Override
    public long count(String owner, AgentStatus status) {
        return counters.find(Map.of("counterKey", s(owner == null ? EVERY_OWNER : ownerKey(owner))))
                .map(item -> Math.max(0, number(item, status == null ? ALL : status.name(), 0))).orElse(0L);
    }

    /**
     * Tried again for a few seconds (a DynamoDB restart, throttling) beyond the SDK's own retries: a count given up on
     * stays off until recounted, so it is worth the wait of a write that already succeeded.
     */
    private Void add(String key, Map<String, Long> delta, AgentStatus from, AgentStatus to) {
        for (int attempt = 0; ; attempt++) {
            try {
                counters.dynamo().updateItem(CounterAdd.of(counters.name(), key, delta));
                return null;
            } catch (SdkException e) {
                if (attempt == RETRIES) {
                    LOG.error("agent counts not updated", Map.of("counter", key, "from", String.valueOf(from),
                            "to", String.valueOf(to)), e);
                    return null;
                }
                pause(100L << attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String ownerKey(String owner) {
        return "agents#owner#" + owner;
    }
}
