package io.agentlaunchpad.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What the cluster holds of one owner's namespace, read with one call per kind (not per agent) and compared with the
 * desired objects in memory: what a drift sweep needs, whatever the number of agents in the namespace.
 */
public interface NamespaceState {

    /** The owner's objects (namespace, bindings, quota, limit range, network policy) missing or changed by hand. */
    List<String> ownerDrift();

    /** The agent's Deployment and pods, as {@link Cluster#observe} reads them. */
    Optional<Observation> observe(String agentId);

    /** The agent's kinds that have no object. */
    List<String> missing(String agentId);

    /** The agent's kinds whose object is missing or differs from {@code desired} in a field the platform sets. */
    List<String> drift(AgentWorkload desired);
}
