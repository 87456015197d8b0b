package io.agentlaunchpad.agents;

import java.util.List;

/** One page of agents (list attributes only) and, when more follow, where the next page starts. */
public record AgentPage(List<AgentSummary> agents, AgentCursor next) {
}
