package io.agentlaunchpad.agents;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Per-pod requests (and limits) as Kubernetes quantities, and the number of pods. */
@RegisterForReflection
public record Resources(String memory, String cpu, int replicas) {

    public Resources withReplicas(int replicas) {
        return new Resources(memory, cpu, replicas);
    }
}
