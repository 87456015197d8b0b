package io.agentlaunchpad.agents;

import java.util.List;
import java.util.Optional;

/**
 * Port: an agent's revisions, read by key. They are written only with the agent itself
 * ({@link AgentStore#create(Agent, AgentRevision)}, {@link AgentStore#replace(Agent, long, AgentRevision, long)}),
 * so none exists without the change it records.
 */
public interface RevisionStore {

    Optional<AgentRevision> find(String agentId, long revision);

    /** Newest first, those below {@code before} when it is given. */
    Page list(String agentId, int limit, Long before);

    /** {@code next}: the revision to continue below, null on the last page. */
    record Page(List<AgentRevision> revisions, Long next) {
    }
}
