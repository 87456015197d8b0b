package io.agentlaunchpad.agents;

import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.deploy.QueueUnavailableException;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * The one way a change reaches an agent: checked against {@code If-Match}, written as the next desired state guarded
 * by the version (retried on the record as it now is when only the deployer's observations moved it and the caller
 * asked for no check) together with the revision it makes, then handed to the deployer as a command.
 */
public final class VersionedChange {

    private static final JsonLog LOG = JsonLog.of("agents");
    private static final int ATTEMPTS = 5;

    private final AgentStore store;
    private final DeployQueue queue;
    private final RevisionHistory revisions;
    private final QueuedChanges queued;

    public VersionedChange(AgentStore store, DeployQueue queue, RevisionHistory revisions, QueuedChanges queued) {
        this.store = store;
        this.queue = queue;
        this.revisions = revisions;
        this.queued = queued;
    }

    /** A change that makes no revision (a delete). */
    public Agent apply(Agent before, String ifMatch, CommandType command, String requestId,
                       Function<Agent, Agent> next) {
        return apply(before, ifMatch, command, requestId, next, null);
    }

    /** {@code revision}: the revision the next state makes from the current one, written with it. */
    public Agent apply(Agent before, String ifMatch, CommandType command, String requestId,
                       Function<Agent, Agent> next, BiFunction<Agent, Agent, AgentRevision> revision) {
        if (before.status() == AgentStatus.DELETING && command != CommandType.DELETE) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId() + "' is being deleted");
        }
        if (ifMatch != null && !ifMatch.replace("\"", "").trim().equals(Long.toString(before.version()))) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId() + "' is at version "
                    + before.version() + ", not " + ifMatch.replace("\"", "").trim() + " (If-Match)");
        }
        Agent current = before;
        Agent after;
        for (int attempt = 1; ; attempt++) {
            after = next.apply(current);
            try {
                if (revision == null) {
                    store.replace(after, current.version());
                } else {
                    AgentRevision made = revision.apply(current, after);
                    store.replace(after, current.version(), made, revisions.expiredBy(made));
                }
                break;
            } catch (VersionConflictException e) {
                // Without If-Match the caller asked for no concurrency check: if only the deployer's observations
                // moved the version (same generation), apply the change to the record as it now is.
                Agent fresh = ifMatch == null && attempt < ATTEMPTS ? store.find(before.agentId()).orElse(null) : null;
                if (fresh == null || fresh.generation() != before.generation()
                        || fresh.status() == AgentStatus.DELETING) {
                    throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId()
                            + "' was changed by another request at the same time; read it again and retry");
                }
                current = fresh;
            }
        }
        queued.queued(after, command);
        try {
            queue.send(new DeployCommand(command, after.agentId(), after.generation(), requestId,
                    timestamp(after.updatedAt())));
        } catch (QueueUnavailableException e) {
            // The desired state is recorded; a retry of this request (or the reconciler) sends the command again.
            LOG.error("deploy command not sent", Map.of("agentId", after.agentId(), "command", command.name()), e);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The change was recorded but the deploy queue is unavailable; retry shortly");
        }
        LOG.info("agent changed", Map.of("agentId", after.agentId(), "command", command.name(),
                "generation", after.generation()));
        return after;
    }
}
