package io.agentlaunchpad.agents;

import java.util.Optional;

/**
 * Port: the {@code health} block of {@code GET /api/agents/{agentId}/status} read from the live cluster (pods and a
 * bounded probe of the agent's URL). Where no implementation is deployed, or it answers empty, the status route
 * falls back to what the record knows.
 */
public interface LiveHealth {

    Optional<AgentViews.Health> health(Agent agent, String url);
}
