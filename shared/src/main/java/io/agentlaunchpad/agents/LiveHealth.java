package io.agentlaunchpad.agents;

import java.util.Optional;

/**
 * Port: the {@code health} block of {@code GET /api/agents/{agentId}/status} read from the live cluster (pods and a
 * bounded probe of the agent's URL). Where no implementation is deployed, or it answers empty, the status route
 * falls back to what the record knows.
 */
public interface LiveHealth {

    /**
     * From what names the agent's objects alone (its owner and id), so that the status route can read the cluster
     * while it reads the agent's record.
     */
    Optional<AgentViews.Health> health(String owner, String agentId, String url);

    default Optional<AgentViews.Health> health(Agent agent, String url) {
        return health(agent.owner(), agent.agentId(), url);
    }
}
