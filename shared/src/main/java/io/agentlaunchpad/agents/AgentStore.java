package io.agentlaunchpad.agents;

import java.util.Optional;

/** Port: where agents live. Every read is by key or index; every write is conditional. */
public interface AgentStore {

    /** @throws AgentAlreadyExistsException when the id is taken */
    void create(Agent agent);

    /** Creates the agent with its first revision, both or neither. @throws AgentAlreadyExistsException */
    void create(Agent agent, AgentRevision first);

    Optional<Agent> find(String agentId);

    /**
     * Replaces the agent as {@link #replace(Agent, long)} does, records {@code revision} and removes revision
     * {@code expiredRevision} (the one retention lets go; none when below 1) in the same transaction.
     */
    void replace(Agent agent, long expectedVersion, AgentRevision revision, long expiredRevision);

    /** Replaces the agent if its stored version is still {@code expectedVersion}. @throws VersionConflictException */
    void replace(Agent agent, long expectedVersion);

    /**
     * Removes the agent if its stored version is still {@code expectedVersion}, and then its revisions.
     * @throws VersionConflictException
     */
    void delete(String agentId, long expectedVersion);

    /**
     * The deployer's write of what it observed for {@code generation}: status, ready pods, a reason a person can act
     * on, and the first time the generation was ready. Applied only while the stored generation is still
     * {@code generation} (a newer desired state always wins); bumps the version so a concurrent API write retries.
     *
     * @return false when the record is gone or holds another generation
     */
    boolean recordObserved(String agentId, long generation, AgentStatus status, int readyReplicas, String reason,
                           java.time.Instant deployedAt);

    /**
     * As {@link #recordObserved(String, long, AgentStatus, int, String, java.time.Instant)}, for the caller that has
     * just read the record: {@code read} stands for the stored one (no second read), the write still conditional on
     * its generation.
     */
    boolean recordObserved(Agent read, AgentStatus status, int readyReplicas, String reason,
                           java.time.Instant deployedAt);

    /**
     * Gives an agent that has none its sealed auth token (agents created before tokens existed, at their next
     * roll-out). Only when the record exists and holds no token yet; bumps the version so a concurrent API write
     * retries on the record that holds it instead of writing it away.
     *
     * @return false when the record is gone or already holds a token (read it again)
     */
    boolean keepAuthToken(String agentId, String sealedAuthToken);

    /**
     * Removes the agent once its DELETE has finished, if its generation is still {@code generation}, and then its
     * revisions. Also used by a create taken back: {@link #delete} removes the revisions it wrote the same way.
     */
    boolean deleteObserved(String agentId, long generation);

    AgentPage list(AgentQuery query);

    long count(AgentQuery query);
}
