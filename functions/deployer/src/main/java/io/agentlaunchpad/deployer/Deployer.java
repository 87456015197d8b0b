package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;
import io.agentlaunchpad.agents.PlatformVault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Level-triggered: a command only says "look at this agent's generation N". The deployer reads the record, skips
 * a command for another generation, and moves the agent on from the status it finds. Every step is idempotent
 * (server-side apply, conditional record writes on the generation, deterministic event ids), so a duplicate, a
 * retry or a crash between two steps ends in the same cluster state and the same record.
 *
 * <pre>
 * QUEUED | UPDATING | RESTARTING --scan gate, apply--> DEPLOYING --CHECK: ready--> DEPLOYED
 * SCALING --scale subresource--> SCALING --CHECK: ready--> DEPLOYED, or STOPPED at 0 replicas
 * any of them --blocked scan, failing pods, progress deadline--> FAILED
 * DELETING --every object removed--> record deleted
 * </pre>
 */
@ApplicationScoped
public class Deployer {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private final AgentStore store;
    private final Cluster cluster;
    private final ImageScans scans;
    private final FollowUps followUps;
    private final SecurityEvents events;
    private final ImageVerdicts verdicts;
    private final PlatformVault vault;
    private final ClusterConfig clusterConfig;
    private final DeployerConfig config;
    private final String domain;
    private final Clock clock;

    public Deployer(AgentStore store, Cluster cluster, ImageScans scans, FollowUps followUps, SecurityEvents events,
                    ImageVerdicts verdicts, PlatformVault vault, ClusterConfig clusterConfig, DeployerConfig config, LaunchpadConfig launchpad,
                    Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.scans = scans;
        this.followUps = followUps;
        this.events = events;
        this.verdicts = verdicts;
        this.vault = vault;
        this.clusterConfig = clusterConfig;
        this.config = config;
        this.domain = launchpad.agents().domain();
        this.clock = clock;
    }

    public void handle(DeployCommand command) {
        Agent agent = store.find(command.agentId()).orElse(null);
        if (agent == null) {
            if (command.type() == CommandType.DELETE) {
                // The record goes last: if it is gone, a redelivered DELETE only makes sure nothing is left.
                cluster.deleteAgent(command.agentId());
            }
            LOG.info("command for a missing agent", fields(command));
            return;
        }
        if (command.generation() != agent.generation()) {
            LOG.info("stale command skipped", Map.of("agentId", agent.agentId(), "command", command.type().name(),
                    "generation", command.generation(), "current", agent.generation()));
            return;
        }
        switch (agent.status()) {
            case DELETING -> delete(agent);
            case QUEUED, UPDATING, RESTARTING -> rollOut(agent, command);
            case SCALING -> {
                if (command.type() == CommandType.CHECK) {
                    observe(agent, command);
                } else {
                    scale(agent, command);
                }
            }
            case DEPLOYING -> observe(agent, command);
            case DEPLOYED, STOPPED, FAILED -> LOG.info("already settled", fields(command));
        }
    }

    /** The last receive before the DLQ failed too: the agent is FAILED with the reason, and an ops event says so. */
    public void giveUp(DeployCommand command, int attempts, Throwable error) {
        String reason = "DEPLOYMENT_FAILED: the deployer gave up after " + attempts + " attempts ("
                + error.getClass().getSimpleName() + "). The command is kept in the dead-letter queue.";
        Agent agent = store.find(command.agentId()).orElse(null);
        if (agent == null || agent.generation() != command.generation()) {
            return;
        }
        if (store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.FAILED, agent.readyReplicas(),
                reason, null)) {
            recordEvent(agent, SecurityEventType.DEPLOYMENT_FAILED, SecurityEvent.MEDIUM, "Agent deployment failed",
                    Map.of("reason", reason, "command", command.type().name()));
        }
    }

    /** The reconciler's push for an agent whose command or follow-up was lost: what a CHECK would do. */
    public void resume(Agent agent) {
        handle(new DeployCommand(CommandType.CHECK, agent.agentId(), agent.generation(), "reconcile",
                clock.instant().toString()));
    }

    /** Past the progress deadline without settling: FAILED, with an ops event. */
    public void expire(Agent agent) {
        String reason = "ProgressDeadlineExceeded: still " + agent.status() + " "
                + config.progressDeadline().toMinutes() + " minutes after the change was asked for"
                + (agent.statusReason() == null ? "" : " (" + agent.statusReason() + ")") + ".";
        if (store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.FAILED, agent.readyReplicas(),
                reason, null)) {
            recordEvent(agent, SecurityEventType.DEPLOYMENT_FAILED, SecurityEvent.MEDIUM, "Agent deployment failed",
                    Map.of("reason", reason));
        }
    }

    void rollOut(Agent agent, DeployCommand command) {
        ImageScans.Gate outcome;
        try {
            outcome = scans.gate(agent.spec().plugins());
        } catch (ImageUnavailableException e) {
            fail(agent, "DEPLOYMENT_FAILED: " + e.getMessage() + ". Check the image catalogue.");
            return;
        }
        Instant now = clock.instant();
        if (outcome instanceof ImageScans.Pending pending) {
            if (agent.updatedAt() != null && now.isAfter(agent.updatedAt().plus(config.progressDeadline()))) {
                fail(agent, "ProgressDeadlineExceeded: the security scan of " + pending.image().digest()
                        + " did not finish within " + config.progressDeadline().toMinutes() + " minutes.");
                return;
            }
            store.recordObserved(agent.agentId(), agent.generation(), agent.status(), agent.readyReplicas(),
                    "Waiting for the security scan of " + pending.image().digest(), null);
            followUps.check(agent.agentId(), agent.generation(), command.requestId(), agent.updatedAt(), now);
        } else if (outcome instanceof ImageScans.Blocked blocked) {
            verdicts.record(new ImageVerdict(blocked.image().image().reference(), blocked.image().digest(), true,
                    blocked.scanId(), blocked.reason(), io.agentlaunchpad.time.Timestamps.timestamp(now)));
            // Nothing of a blocked image may run, not even an older generation's pods.
            cluster.deleteAgent(namespace(agent), agent.agentId());
            recordEvent(agent, SecurityEventType.SECURITY_SCAN_FAILED, SecurityEvent.HIGH,
                    "Container security scan failed",
                    Map.of("scanId", String.valueOf(blocked.scanId()), "reason", blocked.reason(),
                            "image", blocked.image().pinned()));
            fail(agent, "SECURITY_SCAN_FAILED: " + blocked.reason());
        } else if (outcome instanceof ImageScans.Passed passed) {
            verdicts.record(new ImageVerdict(passed.image().image().reference(), passed.image().digest(), false,
                    null, null, io.agentlaunchpad.time.Timestamps.timestamp(now)));
            String namespace = namespace(agent);
            cluster.applyOwner(namespace, agent.owner());
            cluster.applyAgent(workload(agent, namespace, passed.image().pinned()));
            LOG.info("applied", Map.of("agentId", agent.agentId(), "generation", agent.generation(),
                    "image", passed.image().digest()));
            if (agent.spec().resources().replicas() == 0) {
                store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.STOPPED, 0, null, null);
                return;
            }
            if (store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.DEPLOYING,
                    agent.readyReplicas(), null, null)) {
                followUps.check(agent.agentId(), agent.generation(), command.requestId(), agent.updatedAt(), now);
            }
        }
    }

    private void scale(Agent agent, DeployCommand command) {
        int replicas = agent.spec().resources().replicas();
        if (!cluster.scale(namespace(agent), agent.agentId(), replicas)) {
            rollOut(agent, command);
            return;
        }
        if (replicas == 0) {
            store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.STOPPED, 0, null, null);
            return;
        }
        followUps.check(agent.agentId(), agent.generation(), command.requestId(), agent.updatedAt(), clock.instant());
    }

    private void observe(Agent agent, DeployCommand command) {
        Optional<Observation> seen = cluster.observe(namespace(agent), agent.agentId());
        if (seen.isEmpty()) {
            // Deleted under us (by hand, or a crash before the first apply): apply again.
            rollOut(agent, command);
            return;
        }
        Observation o = seen.get();
        Instant now = clock.instant();
        int replicas = agent.spec().resources().replicas();
        if (agent.status() != AgentStatus.SCALING && o.appliedGeneration() >= 0
                && o.appliedGeneration() < agent.generation()) {
            // An older generation's objects are back (a writer that read the agent before this change applied
            // after it): settling now would report a change the cluster does not run. Apply it again.
            LOG.warn("older generation found applied", Map.of("agentId", agent.agentId(),
                    "applied", o.appliedGeneration(), "generation", agent.generation()));
            rollOut(agent, command);
            return;
        }
        if (agent.status() == AgentStatus.SCALING && o.desiredReplicas() != replicas) {
            // the same, for a scale: the replicas were put back by a stale writer
            scale(agent, command);
            return;
        }
        if (o.ready() && o.desiredReplicas() == replicas) {
            AgentStatus settled = replicas == 0 ? AgentStatus.STOPPED : AgentStatus.DEPLOYED;
            store.recordObserved(agent.agentId(), agent.generation(), settled, o.readyReplicas(), null,
                    settled == AgentStatus.DEPLOYED ? now : null);
            LOG.info("settled", Map.of("agentId", agent.agentId(), "status", settled.name(),
                    "readyReplicas", o.readyReplicas()));
            return;
        }
        Optional<String> failure = PodDiagnosis.failure(o, agent.spec().resources().memory());
        if (failure.isPresent()) {
            fail(agent, failure.get(), o.readyReplicas());
            return;
        }
        if (agent.updatedAt() != null && now.isAfter(agent.updatedAt().plus(config.progressDeadline()))) {
            fail(agent, "ProgressDeadlineExceeded: not ready within " + config.progressDeadline().toMinutes()
                    + " minutes (" + o.readyReplicas() + "/" + replicas + " ready).", o.readyReplicas());
            return;
        }
        if (store.recordObserved(agent.agentId(), agent.generation(), agent.status(), o.readyReplicas(), null, null)) {
            followUps.check(agent.agentId(), agent.generation(), command.requestId(), agent.updatedAt(), now);
        }
    }

    private void delete(Agent agent) {
        cluster.deleteAgent(namespace(agent), agent.agentId());
        store.deleteObserved(agent.agentId(), agent.generation());
        LOG.info("deleted", Map.of("agentId", agent.agentId()));
    }

    /** The agent's objects as they should be; gives the agent its auth token first if it has none yet. */
    public AgentWorkload workload(Agent agent, String namespace, String image) {
        Agent withToken = withAuthToken(agent);
        return new AgentWorkload(withToken, namespace, CharacterFile.json(withToken),
                Credentials.environment(withToken, vault, clusterConfig.sharesModelCredentialsWith(agent.owner())
                        ? clusterConfig.modelCredentials() : Map.of()), image,
                agent.agentId() + "." + domain, config.progressDeadline());
    }

    /**
     * Agents created before agents had their own API token get one at their next roll-out. Kept in the record before
     * the Secret is written, so the messages service and every later roll-out use the same token; of two racing
     * deployers the second reads the first one's token.
     */
    private Agent withAuthToken(Agent agent) {
        if (agent.sealedAuthToken() != null) {
            return agent;
        }
        String sealed = vault.newSealedAuthToken(agent.agentId());
        if (!store.keepAuthToken(agent.agentId(), sealed)) {
            sealed = store.find(agent.agentId()).map(Agent::sealedAuthToken).orElseThrow(() ->
                    new IllegalStateException("agent " + agent.agentId() + " is gone; nothing to apply"));
        } else {
            LOG.info("auth token created", Map.of("agentId", agent.agentId()));
        }
        return agent.withSealedAuthToken(sealed);
    }

    public String namespace(Agent agent) {
        return AgentNames.namespace(clusterConfig.namespacePrefix(), agent.owner());
    }

    private void fail(Agent agent, String reason) {
        fail(agent, reason, agent.readyReplicas());
    }

    private void fail(Agent agent, String reason, int ready) {
        store.recordObserved(agent.agentId(), agent.generation(), AgentStatus.FAILED, ready, reason, null);
        LOG.warn("failed", Map.of("agentId", agent.agentId(), "generation", agent.generation(), "reason", reason));
    }

    /** The id is derived from the agent, generation and type: a retried step records the event once. */
    private void recordEvent(Agent agent, SecurityEventType type, String severity, String message,
                             Map<String, String> details) {
        events.recordOnce(agent.agentId() + "#" + agent.generation() + "#" + type, type, severity, agent.owner(),
                agent.agentId(), message, Map.copyOf(details));
    }


    private static Map<String, Object> fields(DeployCommand command) {
        return Map.of("agentId", command.agentId(), "command", command.type().name(),
                "generation", command.generation());
    }
}
