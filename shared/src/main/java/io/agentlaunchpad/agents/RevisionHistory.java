package io.agentlaunchpad.agents;

import io.agentlaunchpad.agents.AgentRevision.RevisionKind;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;

import java.util.ArrayList;
import java.util.List;

/**
 * What an agent's revisions hold and how many are kept: each accepted change records the desired state it made,
 * with its author and the paths it changed; the last {@code retention} stay readable and can be rolled back to.
 */
public final class RevisionHistory {

    private final RevisionStore store;
    private final int retention;

    public RevisionHistory(RevisionStore store, int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("launchpad.agents.revision-retention must be at least 1");
        }
        this.store = store;
        this.retention = retention;
    }

    public int retention() {
        return retention;
    }

    AgentRevision first(Agent created, Principal caller, String requestId) {
        return revision(created, caller, requestId, RevisionKind.CREATE, null, List.of());
    }

    /** The revision {@code after} makes from {@code before}; {@code platformPaths}: settings that changed. */
    AgentRevision next(Agent before, Agent after, Principal caller, String requestId, RevisionKind kind,
                       Long rolledBackFrom, List<String> platformPaths) {
        List<String> changes = new ArrayList<>(ChangedFields.between(before.spec(), after.spec()));
        changes.addAll(platformPaths);
        return revision(after, caller, requestId, kind, rolledBackFrom, changes);
    }

    /** The revision this one lets go of (none below 1). */
    long expiredBy(AgentRevision revision) {
        return revision.revision() - retention;
    }

    AgentRevision find(String agentId, long revision) {
        return store.find(agentId, revision).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Agent '"
                + agentId + "' has no revision " + revision + " (unknown, or older than the last " + retention
                + " kept)"));
    }

    RevisionStore.Page list(String agentId, int limit, Long before) {
        return store.list(agentId, limit, before);
    }

    private static AgentRevision revision(Agent agent, Principal caller, String requestId, RevisionKind kind,
                                          Long rolledBackFrom, List<String> changes) {
        return new AgentRevision(agent.agentId(), agent.generation(), agent.updatedAt(), caller.userId(),
                caller.keyId(), requestId, kind, rolledBackFrom, List.copyOf(changes), agent.spec(),
                agent.sealedPlatforms(), agent.platformView());
    }
}
