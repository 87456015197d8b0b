package io.agentlaunchpad.cluster;

import io.agentlaunchpad.agents.Agent;

import java.time.Duration;
import java.util.Map;

/**
 * Everything one agent's objects are built from: the record, its character JSON, the environment of its Secret
 * (opened only here, never logged), the image pinned by digest, and how long a rollout may take before the
 * Deployment reports it stalled.
 */
public record AgentWorkload(Agent agent, String namespace, String characterJson, Map<String, String> secretEnv,
                            String image, String host, Duration progressDeadline) {

    @Override
    public String toString() {
        return "AgentWorkload[" + agent.agentId() + " in " + namespace + ", image " + image + "]";
    }
}
