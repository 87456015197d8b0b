package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentCountsRecount;
import io.agentlaunchpad.agents.AgentCursor;
import io.agentlaunchpad.agents.AgentPage;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.AgentSummary;
import io.agentlaunchpad.logging.JsonLog;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scheduled sweep. Running agents: re-apply their desired state (server-side apply restores any field of ours
 * changed or deleted by hand) and report drift and pods failing after deploy. Agents in flight: push on those whose
 * follow-up was lost, and fail those past the progress deadline, so nothing stays QUEUED or DEPLOYING forever.
 * First, once per table, the listing's counts are built from the agents if they never were (docs/operations.md).
 */
@ApplicationScoped
public class Reconciler {

    private static final JsonLog LOG = JsonLog.of("reconciler");
    private static final int PAGE = 100;
    private static final List<AgentStatus> IN_FLIGHT = List.of(AgentStatus.QUEUED, AgentStatus.DEPLOYING,
            AgentStatus.UPDATING, AgentStatus.SCALING, AgentStatus.RESTARTING, AgentStatus.DELETING);

    @RegisterForReflection
    public record Report(int checked, List<String> repaired, List<String> failed, List<String> resumed) {
    }

    private final AgentStore store;
    private final Deployer deployer;
    private final DriftRepair drift;
    private final DeployerConfig config;
    private final AgentCountsRecount recount;
    private final Clock clock;

    public Reconciler(AgentStore store, Deployer deployer, DriftRepair drift, DeployerConfig config, AgentCountsRecount recount, Clock clock) {
        this.store = store;
        this.deployer = deployer;
        this.drift = drift;
        this.config = config;
        this.recount = recount;
        this.clock = clock;
    }

    public Report run() {
        List<String> repaired = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        int checked = 0;
        Instant now = clock.instant();
        try {
            recount.ifNeverCounted();
        } catch (RuntimeException e) {
            LOG.error("agent recount failed", Map.of(), e);
        }
        List<Agent> running = agents(AgentStatus.DEPLOYED);
        checked += running.size();
        drift.sweep(running).forEach((agent, result) -> {
            switch (result) {
                case REPAIRED -> repaired.add(agent.agentId());
                case FAILING -> failed.add(agent.agentId());
                case IN_SYNC -> {
                }
            }
        });
        for (AgentStatus status : IN_FLIGHT) {
            for (Agent agent : agents(status)) {
                checked++;
                try {
                    Instant changed = agent.updatedAt() == null ? now : agent.updatedAt();
                    if (status != AgentStatus.DELETING && now.isAfter(changed.plus(config.progressDeadline()))) {
                        deployer.expire(agent);
                        failed.add(agent.agentId());
                    } else if (now.isAfter(changed.plus(config.checkMaxDelay().multipliedBy(2)))) {
                        // Its command or follow-up should have come by now: handle it as a CHECK would, without a
                        // chain of follow-ups of its own (a command merely late in a backlog still has its chain).
                        deployer.resume(agent);
                        resumed.add(agent.agentId());
                    }
                } catch (RuntimeException e) {
                    LOG.error("in-flight check failed", Map.of("agentId", agent.agentId()), e);
                }
            }
        }
        Report report = new Report(checked, repaired, failed, resumed);
        LOG.info("reconciled", Map.of("checked", checked, "repaired", repaired.size(), "failed", failed.size(),
                "resumed", resumed.size()));
        return report;
    }

    private List<Agent> agents(AgentStatus status) {
        List<Agent> agents = new ArrayList<>();
        AgentCursor cursor = null;
        do {
            AgentPage page = store.list(new AgentQuery(null, status, PAGE, 0, cursor));
            for (AgentSummary summary : page.agents()) {
                store.find(summary.agentId()).filter(a -> a.status() == status).ifPresent(agents::add);
            }
            cursor = page.next();
        } while (cursor != null);
        return agents;
    }
}
