package io.agentlaunchpad.agents;

public class VersionConflictException extends RuntimeException {

    public VersionConflictException(String agentId) {
        super("agent " + agentId + " was changed by another request", null, false, false);
    }
}
