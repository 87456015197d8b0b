package io.agentlaunchpad.agents;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class AgentWiring {

    @Produces
    @Singleton
    public AgentRules agentRules(LaunchpadConfig config) {
        return AgentRules.from(config);
    }
}
