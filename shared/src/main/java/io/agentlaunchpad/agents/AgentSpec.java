package io.agentlaunchpad.agents;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The desired state of an agent that holds no secret. */
@RegisterForReflection
public record AgentSpec(String name, String description, Personality personality, List<String> plugins,
                        Resources resources) {

    public AgentSpec withResources(Resources resources) {
        return new AgentSpec(name, description, personality, plugins, resources);
    }
}
