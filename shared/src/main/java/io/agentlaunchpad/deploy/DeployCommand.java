package io.agentlaunchpad.deploy;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A queue message. It names the agent and the generation of its desired state, never the state itself: the
 * deployer reads the current record, so stale or duplicate commands change nothing and no secret rides the queue.
 */
@RegisterForReflection
public record DeployCommand(CommandType type, String agentId, long generation, String requestId, String issuedAt) {
}
