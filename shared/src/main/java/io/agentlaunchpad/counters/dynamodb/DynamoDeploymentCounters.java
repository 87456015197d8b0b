package io.agentlaunchpad.counters.dynamodb;

import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.tables.CounterAdd;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: one item {@value #KEY} of the counters table; each transition is one UpdateItem whose {@code ADD}s are
 * applied atomically, so concurrent transitions never lose an increment. A failed update is logged, never fails the
 * write that caused it (the agent's state is the truth; the counters are a view of it).
 */
@ApplicationScoped
public class DynamoDeploymentCounters implements DeploymentCounters {

    static final String KEY = "system#agents";
    private static final JsonLog LOG = JsonLog.of("counters");

    private final Table counters;
    private final String key;

    @Inject
    public DynamoDeploymentCounters(TableSet tables) {
        this(tables, KEY);
    }

    /** Counters under another item than {@value #KEY}: tests that need counters of their own. */
    public DynamoDeploymentCounters(TableSet tables, String key) {
        this.counters = tables.table(Tables.COUNTERS);
        this.key = key;
    }

    @Override
    public void transition(AgentStatus from, AgentStatus to) {
        if (from == to) {
            return;
        }
        Map<String, Long> delta = new HashMap<>();
        if (from == null) {
            delta.merge("totalAgents", 1L, Long::sum);
        }
        if (to == null) {
            delta.merge("totalAgents", -1L, Long::sum);
        }
        if (from == AgentStatus.DEPLOYED) {
            delta.merge("runningAgents", -1L, Long::sum);
        }
        if (from == AgentStatus.FAILED) {
            delta.merge("failedAgents", -1L, Long::sum);
        }
        if (to == AgentStatus.DEPLOYED) {
            delta.merge("runningAgents", 1L, Long::sum);
            delta.merge("successfulDeployments", 1L, Long::sum);
        }
        if (to == AgentStatus.FAILED) {
            delta.merge("failedAgents", 1L, Long::sum);
            delta.merge("failedDeployments", 1L, Long::sum);
        }
        if (delta.isEmpty()) {
            return;
        }
        try {
            counters.dynamo().updateItem(CounterAdd.of(counters.name(), key, delta));
        } catch (SdkException e) {
            LOG.error("deployment counters not updated", Map.of("from", String.valueOf(from),
                    "to", String.valueOf(to)), e);
        }
    }

    @Override
    public Totals totals() {
        Map<String, AttributeValue> found = counters.find(Map.of("counterKey", s(key))).orElse(Map.of());
        return new Totals(number(found, "totalAgents", 0), number(found, "runningAgents", 0),
                number(found, "failedAgents", 0), number(found, "successfulDeployments", 0),
                number(found, "failedDeployments", 0));
    }
}
