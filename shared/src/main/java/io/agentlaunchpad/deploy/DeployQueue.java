package io.agentlaunchpad.deploy;

/** Port: where deploy commands go. */
public interface DeployQueue {

    /** @throws QueueUnavailableException when the command could not be accepted */
    void send(DeployCommand command);
}
