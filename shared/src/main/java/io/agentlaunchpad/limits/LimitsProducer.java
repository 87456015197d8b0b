package io.agentlaunchpad.limits;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class LimitsProducer {

    @Produces
    @Singleton
    public Limits limits(LaunchpadConfig config) {
        return new Limits(config);
    }
}
