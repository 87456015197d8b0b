package io.agentlaunchpad.deployer;

import io.agentlaunchpad.cluster.ReadinessWatch;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The deployer's next look at a change in flight, two ways at once: a watch of the agent's Deployment that calls
 * back the moment it is ready (so Ready becomes DEPLOYED without waiting for a poll), and a delayed {@code CHECK} on
 * the deploy queue, which alone sees failures and which carries on where the watch cannot (a frozen or recycled
 * container, a closed watch). The delay backs off with the age of the change: a quarter of the time since it was
 * asked for, between the configured first delay and the maximum.
 */
@ApplicationScoped
public class ReadinessChecks {

    private final DeployQueue queue;
    private final ReadinessWatch watch;
    private final DeployerConfig config;

    public ReadinessChecks(DeployQueue queue, ReadinessWatch watch, DeployerConfig config) {
        this.queue = queue;
        this.watch = watch;
        this.config = config;
    }

    public void schedule(String namespace, String agentId, long generation, String requestId, Instant changedAt,
                         Instant now, Runnable onReady) {
        watch.whenReady(namespace, agentId, config.readinessWatch(), onReady);
        queue.send(new DeployCommand(CommandType.CHECK, agentId, generation, requestId, now.toString()),
                delay(changedAt, now));
    }

    Duration delay(Instant changedAt, Instant now) {
        Duration age = changedAt == null ? Duration.ZERO : Duration.between(changedAt, now);
        Duration quarter = age.dividedBy(4);
        Duration delay = quarter.compareTo(config.checkDelay()) < 0 ? config.checkDelay() : quarter;
        Duration max = config.checkMaxDelay().compareTo(DeployQueue.MAX_DELAY) > 0 ? DeployQueue.MAX_DELAY
                : config.checkMaxDelay();
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
