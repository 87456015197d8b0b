package io.agentlaunchpad.agents;

import io.agentlaunchpad.limits.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Per-pod requests (and limits) as Kubernetes quantities, and the number of pods. */
@RegisterForReflection
public record Resources(String memory, String cpu, int replicas) {

    public Resources withReplicas(int replicas) {
        return new Resources(memory, cpu, replicas);
    }

    /** What one agent with these resources counts against its owner's quota, every replica included. */
    public Usage usage() {
        return Usage.of(cpu, memory, replicas, 1);
    }
}
