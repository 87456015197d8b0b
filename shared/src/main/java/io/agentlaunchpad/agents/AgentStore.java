package io.agentlaunchpad.agents;

import java.util.Optional;

/** Port: where agents live. Every read is by key or index; every write is conditional. */
public interface AgentStore {

    /** @throws AgentAlreadyExistsException when the id is taken */
    void create(Agent agent);

    Optional<Agent> find(String agentId);

    /** Replaces the agent if its stored version is still {@code expectedVersion}. @throws VersionConflictException */
    void replace(Agent agent, long expectedVersion);

    /** Removes the agent if its stored version is still {@code expectedVersion}. @throws VersionConflictException */
    void delete(String agentId, long expectedVersion);

    AgentPage list(AgentQuery query);

    long count(AgentQuery query);
}
