package io.agentlaunchpad.agents;

public class AgentAlreadyExistsException extends RuntimeException {

    public AgentAlreadyExistsException(String agentId) {
        super("agent " + agentId + " already exists", null, false, false);
    }
}
