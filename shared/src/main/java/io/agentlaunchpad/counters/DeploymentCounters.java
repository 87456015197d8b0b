package io.agentlaunchpad.counters;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.agents.AgentStatus;

/**
 * Port: the counters behind {@code GET /api/system/metrics}, kept on each status transition instead of counted by
 * reading tables. A transition is reported by the one write that made it (the agent store's conditional writes), so
 * racing or redelivered writers count it once.
 */
public interface DeploymentCounters {

    /** Counters that do nothing: for stores built outside CDI (tests, tools). */
    DeploymentCounters NONE = new DeploymentCounters() {
        @Override
        public void transition(AgentStatus from, AgentStatus to) {
        }

        @Override
        public Totals totals() {
            return new Totals(0, 0, 0, 0, 0);
        }
    };

    /** {@code from} null: the agent was created; {@code to} null: it was removed. Equal statuses change nothing. */
    void transition(AgentStatus from, AgentStatus to);

    Totals totals();

    /**
     * Agents that exist, are DEPLOYED, are FAILED; transitions into DEPLOYED (successful deployments) and into FAILED
     * (failed deployments) since the counters began.
     */
    @RegisterForReflection
    record Totals(long totalAgents, long runningAgents, long failedAgents, long successfulDeployments,
                  long failedDeployments) {
    }
}
