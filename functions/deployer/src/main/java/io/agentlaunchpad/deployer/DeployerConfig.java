package io.agentlaunchpad.deployer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The deployer's settings, under {@code launchpad.deployer.*}; every one has a default. */
@ConfigMapping(prefix = "launchpad.deployer")
public interface DeployerConfig {

    /** The first readiness follow-up comes this long after an apply; later ones back off to {@link #checkMaxDelay}. */
    @WithDefault("5S")
    Duration checkDelay();

    /** SQS allows at most 15 minutes of message delay. */
    @WithDefault("60S")
    Duration checkMaxDelay();

    /** A change not ready this long after it was asked for is FAILED (ElizaOS's own cloud gives up at 15 min). */
    @WithDefault("15M")
    Duration progressDeadline();

    /** Receives after which the queue moves a message to the DLQ (QueueDefinition.DEPLOY.maxReceiveCount). */
    @WithDefault("5")
    int maxReceiveCount();
}
