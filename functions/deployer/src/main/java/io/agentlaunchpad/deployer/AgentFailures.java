package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineType;

import java.util.Map;
import java.util.function.Supplier;

/** How a change ends FAILED: the record with the reason (secrets blanked), the timeline, and the ops event once. */
final class AgentFailures {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private final AgentStore store;
    private final SecurityEvents events;
    private final AgentWorkloads workloads;
    private final DeployerConfig config;
    private final Supplier<TimelineRecorder> timeline;

    AgentFailures(AgentStore store, SecurityEvents events, AgentWorkloads workloads, DeployerConfig config,
                  Supplier<TimelineRecorder> timeline) {
        this.store = store;
        this.events = events;
        this.workloads = workloads;
        this.config = config;
        this.timeline = timeline;
    }

    /** The last receive before the DLQ failed too: the agent is FAILED with the reason, and an ops event says so. */
    void giveUp(DeployCommand command, int attempts, Throwable error) {
        String reason = "DEPLOYMENT_FAILED: the deployer gave up after " + attempts + " attempts ("
                + error.getClass().getSimpleName() + "). The command is kept in the dead-letter queue.";
        Agent agent = store.find(command.agentId()).orElse(null);
        if (agent == null || agent.generation() != command.generation()) {
            return;
        }
        failWithEvent(agent, reason, Map.of("reason", reason, "command", command.type().name()));
    }

    /** Past the progress deadline without settling: FAILED, with an ops event. */
    void expire(Agent agent) {
        String reason = "ProgressDeadlineExceeded: still " + agent.status() + " "
                + config.progressDeadline().toMinutes() + " minutes after the change was asked for"
                + (agent.statusReason() == null ? "" : " (" + agent.statusReason() + ")") + ".";
        failWithEvent(agent, reason, Map.of("reason", reason));
    }

    private void failWithEvent(Agent agent, String reason, Map<String, String> details) {
        if (store.recordObserved(agent, AgentStatus.FAILED, agent.readyReplicas(), reason, null)) {
            recordEvent(agent, SecurityEventType.DEPLOYMENT_FAILED, SecurityEvent.MEDIUM, "Agent deployment failed",
                    details);
            timeline.get().record(agent, TimelineType.FAILED, reason);
        }
    }

    void fail(Agent agent, String reason) {
        fail(agent, reason, agent.readyReplicas());
    }

    void fail(Agent agent, String reason, int ready) {
        String shown = workloads.withoutSecrets(agent, reason);
        store.recordObserved(agent, AgentStatus.FAILED, ready, shown, null);
        LOG.warn("failed", Map.of("agentId", agent.agentId(), "generation", agent.generation(), "reason", shown));
        timeline.get().record(agent, TimelineType.FAILED, shown);
    }

    /** The id is derived from the agent, generation and type: a retried step records the event once. */
    void recordEvent(Agent agent, SecurityEventType type, String severity, String message,
                     Map<String, String> details) {
        events.recordOnce(agent.agentId() + "#" + agent.generation() + "#" + type, type, severity, agent.owner(),
                agent.agentId(), message, Map.copyOf(details));
    }
}
