package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.kubernetes.AgentDeployment;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.timeline.TimelineType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One running agent against the cluster: repairs what was deleted or changed by hand, reports failing pods. */
@ApplicationScoped
public class DriftRepair {

    public enum Result { IN_SYNC, REPAIRED, FAILING }

    private static final JsonLog LOG = JsonLog.of("reconciler");

    private final Deployer deployer;
    private final Cluster cluster;
    private final OwnerNamespaces owners;
    private final AgentStore store;
    private final SecurityEvents events;
    private final Clock clock;

    public DriftRepair(Deployer deployer, Cluster cluster, OwnerNamespaces owners, AgentStore store,
                       SecurityEvents events, Clock clock) {
        this.deployer = deployer;
        this.cluster = cluster;
        this.owners = owners;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Result check(Agent agent) {
        String namespace = deployer.namespace(agent);
        List<String> missing = cluster.missingObjects(namespace, agent.agentId());
        Optional<Observation> seen = cluster.observe(namespace, agent.agentId());
        if (seen.isEmpty()) {
            // Without the Deployment the running digest is unknown: roll out again through the scan gate.
            report(agent, SecurityEventType.DRIFT_REPAIRED, SecurityEvent.LOW,
                    "Agent objects were missing and are re-created", missing);
            store.recordObserved(agent, AgentStatus.DEPLOYING, 0,
                    "Re-creating deleted objects: " + String.join(", ", missing), null);
            deployer.repair(agent);
            return Result.REPAIRED;
        }
        Observation o = seen.get();
        Optional<Agent> now = store.find(agent.agentId());
        if (o.appliedGeneration() > agent.generation() || now.isEmpty()
                || now.get().generation() != agent.generation() || now.get().status() != AgentStatus.DEPLOYED) {
            // The agent moved on since this sweep read it: applying what was read would put an older desired
            // state back over the change being rolled out. The deployer owns it now.
            return Result.IN_SYNC;
        }
        // Re-apply with the digest that runs: server-side apply puts back every field we own, and a rollout
        // happens only if something of ours had really changed.
        AgentWorkload workload = deployer.workload(agent, namespace, o.image());
        boolean changed = !AgentDeployment.checksum(workload).equals(o.configChecksum());
        owners.repair(namespace, agent.owner());
        cluster.applyAgent(workload);
        if (!missing.isEmpty() || changed) {
            report(agent, SecurityEventType.DRIFT_REPAIRED, SecurityEvent.LOW,
                    "Agent objects changed outside the platform were restored",
                    changed ? List.of("Deployment") : missing);
            return Result.REPAIRED;
        }
        Optional<String> failure = PodDiagnosis.failure(o, agent.spec().resources().memory());
        if (failure.isPresent()) {
            String reason = deployer.withoutSecrets(agent, failure.get());
            store.recordObserved(now.get(), AgentStatus.FAILED, o.readyReplicas(), reason, null);
            report(agent, SecurityEventType.AGENT_FAILING, SecurityEvent.MEDIUM,
                    "Agent pods are failing after deploy", List.of(reason));
            deployer.timeline().record(agent, TimelineType.FAILED, reason);
            return Result.FAILING;
        }
        if (o.readyReplicas() != agent.readyReplicas()) {
            store.recordObserved(now.get(), AgentStatus.DEPLOYED, o.readyReplicas(), null, null);
        }
        return Result.IN_SYNC;
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
