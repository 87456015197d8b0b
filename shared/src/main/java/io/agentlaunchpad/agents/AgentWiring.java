package io.agentlaunchpad.agents;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class AgentWiring {

    @Produces
    @Singleton
    public RevisionHistory revisionHistory(RevisionStore store, LaunchpadConfig config) {
        return new RevisionHistory(store, config.agents().revisionRetention());
    }

    @Produces
    @Singleton
    public AgentRules agentRules(LaunchpadConfig config) {
        return AgentRules.from(config);
    }
}
