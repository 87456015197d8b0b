package io.agentlaunchpad.agents;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lifecycle of an agent. The API moves it to QUEUED, UPDATING, SCALING, RESTARTING or DELETING when it accepts
 * a change; the deployer moves it on to DEPLOYING, DEPLOYED, STOPPED (zero replicas) or FAILED, and removes it.
 */
public enum AgentStatus {
    QUEUED, DEPLOYING, DEPLOYED, UPDATING, SCALING, RESTARTING, STOPPED, FAILED, DELETING;

    public static Optional<AgentStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equals(text)).findFirst();
    }
}
