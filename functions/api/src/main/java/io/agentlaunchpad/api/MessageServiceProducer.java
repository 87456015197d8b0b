package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.messages.AgentChannel;
import io.agentlaunchpad.messages.MessageService;
import io.agentlaunchpad.agents.PlatformVault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The messages service on the cluster adapter's channel (the API server's service proxy). */
public class MessageServiceProducer {

    @Produces
    @Singleton
    public MessageService messages(AgentStore store, PlatformVault vault, AgentChannel channel, LaunchpadConfig config,
                                   Clock clock) {
        return new MessageService(store, vault, channel, config, clock);
    }
}
