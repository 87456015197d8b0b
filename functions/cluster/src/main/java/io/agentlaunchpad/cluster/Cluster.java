package io.agentlaunchpad.cluster;

import java.util.Optional;

/** Port: the Kubernetes cluster agents run on. Every write is idempotent. */
public interface Cluster {

    /** The owner's namespace with its quota, limit range and default-deny network policy. */
    void applyOwner(String namespace, String owner);

    /** Every object of the agent, one per kind, in the order the adapter declares them once (ConfigMap first). */
    void applyAgent(AgentWorkload workload);

    /** Sets the replicas through the scale subresource. @return false when the Deployment does not exist */
    boolean scale(String namespace, String agentId, int replicas);

    Optional<Observation> observe(String namespace, String agentId);

    /** The owner's namespace as it is, for a drift sweep: one read per kind, whatever the number of agents. */
    NamespaceState readNamespace(String namespace, String owner);

    /**
     * Removes every object of the agent in whichever managed namespace holds it (the owner unknown: a redelivered
     * delete of a record already gone); a second call finds nothing and succeeds.
     */
    void deleteAgent(String agentId);

    /** Removes every object of the agent in its owner's namespace; a second call finds nothing and succeeds. */
    void deleteAgent(String namespace, String agentId);
}
