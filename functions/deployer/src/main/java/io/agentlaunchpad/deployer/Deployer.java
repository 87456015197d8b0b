package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.agents.PlatformVault;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    /** The request id of the reconciler's pushes, which never start a chain of follow-ups of their own. */
    static final String RECONCILER = "reconcile";
    /** The request id of the readiness watch's call-back: the change's own chain of checks goes on. */
    static final String READINESS_WATCH = "readiness-watch";

    private final AgentStore store;
    private final Cluster cluster;
    private final ReadinessChecks readinessChecks;
    private final DeployerConfig config;
    private final AgentWorkloads workloads;
    private final AgentFailures failures;
    private final RollOut rollOut;
    private final Clock clock;
    private TimelineRecorder timeline = TimelineRecorder.NONE;

    public Deployer(AgentStore store, Cluster cluster, ImageScans scans, ReadinessChecks readinessChecks,
                    SecurityEvents events, RecordedVerdicts verdicts, OwnerNamespaces owners, PlatformVault vault,
                    ClusterConfig clusterConfig, DeployerConfig config, LaunchpadConfig launchpad,
                    Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.readinessChecks = readinessChecks;
        this.config = config;
        this.workloads = new AgentWorkloads(store, vault, clusterConfig, config, launchpad.agents().domain());
        this.failures = new AgentFailures(store, events, workloads, config, this::timeline);
        this.clock = clock;
        this.rollOut = new RollOut(store, cluster, scans, verdicts, owners, workloads, failures, config,
                this::timeline, clock);
    }

    @Inject
    void timeline(TimelineRecorder recorder) {
        timeline = recorder;
    }

    /** The timeline wired by hand (the local platform). */
    public Deployer withTimeline(TimelineRecorder recorder) {
        timeline = recorder;
        return this;
    }

    TimelineRecorder timeline() {
        return timeline;
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
        failures.giveUp(command, attempts, error);
    }

    /** The reconciler's push for an agent whose command or follow-up was lost: what a CHECK would do. */
    public void resume(Agent agent) {
        handle(new DeployCommand(CommandType.CHECK, agent.agentId(), agent.generation(), RECONCILER,
                clock.instant().toString()));
    }

    /** Drift repair's push for an agent whose objects it found missing: a roll-out, with its own follow-ups. */
    public void repair(Agent agent) {
        handle(new DeployCommand(CommandType.CHECK, agent.agentId(), agent.generation(), "drift-repair",
                clock.instant().toString()));
    }

    /** Past the progress deadline without settling: FAILED, with an ops event. */
    public void expire(Agent agent) {
        failures.expire(agent);
    }

    void rollOut(Agent agent, DeployCommand command) {
        if (rollOut.run(agent)) {
            followUp(agent, command, clock.instant());
        }
    }

    private void scale(Agent agent, DeployCommand command) {
        int replicas = agent.spec().resources().replicas();
        if (!cluster.scale(namespace(agent), agent.agentId(), replicas)) {
            rollOut(agent, command);
            return;
        }
        if (replicas == 0) {
            store.recordObserved(agent, AgentStatus.STOPPED, 0, null, null);
            timeline.record(agent, TimelineType.STOPPED, "Stopped: scaled to 0 replicas");
            return;
        }
        timeline.record(agent, TimelineType.APPLIED, "Scaled the Deployment to " + replicas + " replicas");
        followUp(agent, command, clock.instant());
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
            store.recordObserved(agent, settled, o.readyReplicas(), null,
                    settled == AgentStatus.DEPLOYED ? now : null);
            LOG.info("settled", Map.of("agentId", agent.agentId(), "status", settled.name(),
                    "readyReplicas", o.readyReplicas()));
            timeline.record(agent, settled == AgentStatus.DEPLOYED ? TimelineType.DEPLOYED : TimelineType.STOPPED,
                    settled == AgentStatus.DEPLOYED ? o.readyReplicas() + "/" + replicas
                            + " replicas ready: DEPLOYED" : "Stopped: 0 replicas wanted");
            return;
        }
        Optional<String> failure = PodDiagnosis.failure(o, agent.spec().resources().memory());
        if (failure.isPresent()) {
            failures.fail(agent, failure.get(), o.readyReplicas());
            return;
        }
        if (agent.updatedAt() != null && now.isAfter(agent.updatedAt().plus(config.progressDeadline()))) {
            failures.fail(agent, "ProgressDeadlineExceeded: not ready within " + config.progressDeadline().toMinutes()
                    + " minutes (" + o.readyReplicas() + "/" + replicas + " ready).", o.readyReplicas());
            return;
        }
        RolloutProgress.of(o, replicas).ifPresent(step -> timeline.record(agent, step.type(), step.message()));
        if (store.recordObserved(agent, agent.status(), o.readyReplicas(), null, null)) {
            followUp(agent, command, now);
        }
    }

    /**
     * The next look at the change: the readiness watch and a delayed CHECK. Not after the reconciler's pushes nor the
     * watch's call-back: the change's own chain goes on (or, lost, the reconciler pushes again next sweep), and a
     * second chain would double every later check.
     */
    private void followUp(Agent agent, DeployCommand command, Instant now) {
        if (RECONCILER.equals(command.requestId()) || READINESS_WATCH.equals(command.requestId())) {
            return;
        }
        readinessChecks.schedule(namespace(agent), agent.agentId(), agent.generation(), command.requestId(),
                agent.updatedAt(), now, () -> handle(new DeployCommand(CommandType.CHECK, agent.agentId(),
                        agent.generation(), READINESS_WATCH, clock.instant().toString())));
    }

    private void delete(Agent agent) {
        cluster.deleteAgent(namespace(agent), agent.agentId());
        store.deleteObserved(agent.agentId(), agent.generation());
        LOG.info("deleted", Map.of("agentId", agent.agentId()));
        timeline.record(agent, TimelineType.DELETED, "Every object of the agent is removed and its record deleted");
    }

    /** The agent's objects as they should be; gives the agent its auth token first if it has none yet. */
    public AgentWorkload workload(Agent agent, String namespace, String image) {
        return workloads.workload(agent, namespace, image);
    }

    public String namespace(Agent agent) {
        return workloads.namespace(agent);
    }

    String withoutSecrets(Agent agent, String reason) {
        return workloads.withoutSecrets(agent, reason);
    }

    private static Map<String, Object> fields(DeployCommand command) {
        return Map.of("agentId", command.agentId(), "command", command.type().name(),
                "generation", command.generation());
    }
}
