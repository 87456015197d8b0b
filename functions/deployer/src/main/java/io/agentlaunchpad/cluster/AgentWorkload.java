package io.agentlaunchpad.cluster;

import io.agentlaunchpad.agents.Agent;

import java.util.Map;

/**
 * Everything one agent's objects are built from: the record, its character JSON, the environment of its Secret
 * (opened only here, never logged) and the image pinned by digest.
 */
public record AgentWorkload(Agent agent, String namespace, String characterJson, Map<String, String> secretEnv,
                            String image, String host) {

    @Override
    public String toString() {
        return "AgentWorkload[" + agent.agentId() + " in " + namespace + ", image " + image + "]";
    }
}
