package io.agentlaunchpad.deploy;

/** What the deployer is asked to do; {@code CHECK} is its own delayed readiness and scan follow-up. */
public enum CommandType {
    DEPLOY, UPDATE, SCALE, RESTART, DELETE, CHECK
}
