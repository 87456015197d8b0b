package io.agentlaunchpad.deployer;

import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.OwnerObjectsMissingException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owners' namespace objects, applied once per owner per warm container rather than before every agent: an
 * agent's apply into a namespace that is gone ({@link OwnerObjectsMissingException}, the cheap check: it costs no
 * call while the namespace exists) applies the owner's objects again and retries; the reconciler's drift repair
 * applies them again when its sweep finds one deleted or changed by hand.
 */
@ApplicationScoped
public class OwnerNamespaces {

    private final Cluster cluster;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    public OwnerNamespaces(Cluster cluster) {
        this.cluster = cluster;
    }

    /** The agent's objects, after its owner's the first time this container sees the owner. */
    public void applyAgent(String owner, AgentWorkload workload) {
        String namespace = workload.namespace();
        if (!applied.contains(namespace)) {
            applyOwner(namespace, owner);
        }
        try {
            cluster.applyAgent(workload);
        } catch (OwnerObjectsMissingException e) {
            applied.remove(namespace);
            applyOwner(namespace, owner);
            cluster.applyAgent(workload);
        }
    }

    /** Drift repair: the owner's objects applied again. */
    public void restore(String namespace, String owner) {
        applyOwner(namespace, owner);
    }

    private void applyOwner(String namespace, String owner) {
        cluster.applyOwner(namespace, owner);
        applied.add(namespace);
    }
}
