package io.agentlaunchpad.deploy;

import java.time.Duration;

/** Port: where deploy commands go. The only writer of the deploy queue. */
public interface DeployQueue {

    /** The longest delay a command can be given (SQS refuses a longer one). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /** @throws QueueUnavailableException when the command could not be accepted */
    default void send(DeployCommand command) {
        send(command, Duration.ZERO);
    }

    /**
     * The command, delivered no sooner than {@code delay} from now (whole seconds, as SQS delays; at most 15 minutes).
     *
     * @throws QueueUnavailableException when the command could not be accepted
     */
    void send(DeployCommand command, Duration delay);
}
