package io.agentlaunchpad.agents;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class AgentSettingsProducer {

    @Produces
    @Singleton
    public AgentSettings agentRules(LaunchpadConfig config) {
        return AgentSettings.from(config);
    }
}
