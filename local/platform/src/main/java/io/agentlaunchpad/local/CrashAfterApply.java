package io.agentlaunchpad.local;

import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.NamespaceState;
import io.agentlaunchpad.cluster.Observation;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The deployer's cluster, whose successful {@link #applyAgent} is followed by a {@link SimulatedCrash} when drawn. */
final class CrashAfterApply implements Cluster {

    private final Cluster cluster;
    private final BooleanSupplier crash;

    CrashAfterApply(Cluster cluster, BooleanSupplier crash) {
        this.cluster = cluster;
        this.crash = crash;
    }

    @Override
    public void applyAgent(AgentWorkload workload) {
        cluster.applyAgent(workload);
        if (crash.getAsBoolean()) {
            throw new SimulatedCrash(workload.agent().agentId());
        }
    }

    @Override
    public void applyOwner(String namespace, String owner) {
        cluster.applyOwner(namespace, owner);
    }

    @Override
    public boolean scale(String namespace, String agentId, int replicas) {
        return cluster.scale(namespace, agentId, replicas);
    }

    @Override
    public Optional<Observation> observe(String namespace, String agentId) {
        return cluster.observe(namespace, agentId);
    }

    @Override
    public NamespaceState readNamespace(String namespace, String owner) {
        return cluster.readNamespace(namespace, owner);
    }

    @Override
    public void deleteAgent(String agentId) {
        cluster.deleteAgent(agentId);
    }

    @Override
    public void deleteAgent(String namespace, String agentId) {
        cluster.deleteAgent(namespace, agentId);
    }
}
