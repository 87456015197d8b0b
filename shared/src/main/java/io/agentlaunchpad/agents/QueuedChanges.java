package io.agentlaunchpad.agents;

import io.agentlaunchpad.deploy.CommandType;

/** Port: told of each change the api hands to the deployer, before it is sent (the rollout timeline records it). */
public interface QueuedChanges {

    QueuedChanges NONE = (agent, command) -> {
    };

    /** {@code agent} as the change left it (its generation is the change's revision). Must not throw. */
    void queued(Agent agent, CommandType command);
}
