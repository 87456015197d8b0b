package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.NamespaceState;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.timeline.TimelineType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running agents against the cluster: repairs what was deleted or changed by hand, reports failing pods. A sweep
 * reads each owner's namespace once ({@link Cluster#readNamespace}: one call per kind, not per agent), compares
 * every agent with its desired objects in memory, and writes only where something drifted.
 */
@ApplicationScoped
public class DriftRepair {

    public enum Result { IN_SYNC, REPAIRED, FAILING }

    private static final JsonLog LOG = JsonLog.of("reconciler");

    private final Deployer deployer;
    private final Cluster cluster;
    private final OwnerNamespaces owners;
    private final AgentStore store;
    private final SecurityEvents events;

    public DriftRepair(Deployer deployer, Cluster cluster, OwnerNamespaces owners, AgentStore store,
                       SecurityEvents events) {
        this.deployer = deployer;
        this.cluster = cluster;
        this.owners = owners;
        this.store = store;
        this.events = events;
    }

    /** Every agent given, its owner's namespace read once; an agent whose check failed is logged and left out. */
    public Map<Agent, Result> sweep(List<Agent> running) {
        Map<String, List<Agent>> byNamespace = new LinkedHashMap<>();
        running.forEach(agent -> byNamespace.computeIfAbsent(deployer.namespace(agent), n -> new ArrayList<>())
                .add(agent));
        Map<Agent, Result> results = new LinkedHashMap<>();
        byNamespace.forEach((namespace, agents) -> {
            try {
                NamespaceState state = read(namespace, agents.get(0).owner());
                for (Agent agent : agents) {
                    try {
                        results.put(agent, check(agent, namespace, state));
                    } catch (RuntimeException e) {
                        LOG.error("drift check failed", Map.of("agentId", agent.agentId()), e);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("drift check failed", Map.of("namespace", namespace), e);
            }
        });
        return results;
    }

    public Result check(Agent agent) {
        String namespace = deployer.namespace(agent);
        return check(agent, namespace, read(namespace, agent.owner()));
    }

    /** The namespace as it is, its owner's objects put back first if they were deleted or changed by hand. */
    private NamespaceState read(String namespace, String owner) {
        NamespaceState state = cluster.readNamespace(namespace, owner);
        List<String> ownerDrift = state.ownerDrift();
        if (ownerDrift.isEmpty()) {
            return state;
        }
        LOG.warn("drift", Map.of("namespace", namespace, "objects", ownerDrift));
        owners.restore(namespace, owner);
        return cluster.readNamespace(namespace, owner);
    }

    private Result check(Agent agent, String namespace, NamespaceState state) {
        Optional<Observation> seen = state.observe(agent.agentId());
        if (seen.isEmpty()) {
            // Without the Deployment the running digest is unknown: roll out again through the scan gate.
            List<String> missing = state.missing(agent.agentId());
            report(agent, SecurityEventType.DRIFT_REPAIRED, SecurityEvent.LOW,
                    "Agent objects were missing and are re-created", missing);
            store.recordObserved(agent, AgentStatus.DEPLOYING, 0,
                    "Re-creating deleted objects: " + String.join(", ", missing), null);
            deployer.repair(agent);
            return Result.REPAIRED;
        }
        Observation o = seen.get();
        if (o.appliedGeneration() > agent.generation()) {
            return Result.IN_SYNC; // the agent moved on since this sweep read it (see current)
        }
        AgentWorkload workload = deployer.workload(agent, namespace, o.image());
        List<String> drift = state.drift(workload);
        boolean failing = PodDiagnosis.failure(o, agent.spec().resources().memory()).isPresent();
        if (drift.isEmpty() && !failing && o.readyReplicas() == agent.readyReplicas()) {
            return Result.IN_SYNC;
        }
        Optional<Agent> now = current(agent, o);
        if (now.isEmpty()) {
            return Result.IN_SYNC;
        }
        if (!drift.isEmpty()) {
            // Re-applied with the digest that runs: server-side apply puts back every field we own, and a rollout
            // happens only if something of ours had really changed.
            cluster.applyAgent(workload);
            report(agent, SecurityEventType.DRIFT_REPAIRED, SecurityEvent.LOW,
                    "Agent objects changed outside the platform were restored", drift);
            return Result.REPAIRED;
        }
        if (failing) {
            String reason = deployer.withoutSecrets(agent,
                    PodDiagnosis.failure(o, agent.spec().resources().memory()).orElseThrow());
            store.recordObserved(now.get(), AgentStatus.FAILED, o.readyReplicas(), reason, null);
            report(agent, SecurityEventType.AGENT_FAILING, SecurityEvent.MEDIUM,
                    "Agent pods are failing after deploy", List.of(reason));
            deployer.timeline().record(agent, TimelineType.FAILED, reason);
            return Result.FAILING;
        }
        store.recordObserved(now.get(), AgentStatus.DEPLOYED, o.readyReplicas(), null, null);
        return Result.IN_SYNC;
    }

    /**
     * The record again, read only before a write: if the agent moved on since this sweep read it, writing what was
     * read would put an older desired state back over the change being rolled out. The deployer owns it now.
     */
    private Optional<Agent> current(Agent agent, Observation o) {
        Optional<Agent> now = store.find(agent.agentId());
        if (o.appliedGeneration() > agent.generation() || now.isEmpty()
                || now.get().generation() != agent.generation() || now.get().status() != AgentStatus.DEPLOYED) {
            return Optional.empty();
        }
        return now;
    }

    private void report(Agent agent, SecurityEventType type, String severity, String message,
                        List<String> what) {
        LOG.warn("drift", Map.of("agentId", agent.agentId(), "type", type.name(), "objects", what));
        if (type == SecurityEventType.DRIFT_REPAIRED) {
            deployer.timeline().record(agent, TimelineType.DRIFT_REPAIRED, message + ": " + String.join(", ", what));
        }
        events.record(type, severity, agent.owner(), agent.agentId(), message,
                Map.of("reason", String.join("; ", what)));
    }
}
