package io.agentlaunchpad.agents;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An agent store in a map, with the version checks of the real one: for unit tests of the pieces above the port. */
class InMemoryAgentStore implements AgentStore {

    final Map<String, Agent> agents = new ConcurrentHashMap<>();
    final Map<String, AgentRevision> revisions = new ConcurrentHashMap<>();
    int replaces;

    @Override
    public void create(Agent agent) {
        if (agents.putIfAbsent(agent.agentId(), agent) != null) {
            throw new AgentAlreadyExistsException(agent.agentId());
        }
    }

    @Override
    public synchronized void create(Agent agent, AgentRevision first) {
        create(agent);
        revisions.put(agent.agentId() + "#" + first.revision(), first);
    }

    @Override
    public synchronized void replace(Agent agent, long expectedVersion, AgentRevision revision, long expired) {
        replace(agent, expectedVersion);
        revisions.put(agent.agentId() + "#" + revision.revision(), revision);
        revisions.remove(agent.agentId() + "#" + expired);
    }

    @Override
    public Optional<Agent> find(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    @Override
    public synchronized void replace(Agent agent, long expectedVersion) {
        replaces++;
        Agent stored = agents.get(agent.agentId());
        if (stored == null || stored.version() != expectedVersion) {
            throw new VersionConflictException(agent.agentId());
        }
        agents.put(agent.agentId(), agent);
    }

    @Override
    public synchronized void delete(String agentId, long expectedVersion) {
        Agent stored = agents.get(agentId);
        if (stored == null || stored.version() != expectedVersion) {
            throw new VersionConflictException(agentId);
        }
        agents.remove(agentId);
    }

    /** The deployer's observation: same generation, version moves on. */
    @Override
    public boolean recordObserved(Agent read, AgentStatus status, int readyReplicas, String reason,
                                  Instant deployedAt) {
        return recordObserved(read.agentId(), read.generation(), status, readyReplicas, reason, deployedAt);
    }

    @Override
    public synchronized boolean recordObserved(String agentId, long generation, AgentStatus status, int readyReplicas,
                                               String reason, Instant deployedAt) {
        Agent a = agents.get(agentId);
        if (a == null || a.generation() != generation) {
            return false;
        }
        agents.put(agentId, new Agent(a.agentId(), a.owner(), a.spec(), a.sealedPlatforms(), a.platformView(), status,
                reason, generation, a.version() + 1, readyReplicas, a.createdAt(), a.updatedAt(),
                deployedAt != null ? deployedAt : a.deployedAt(), a.restartRequestedAt(), a.sealedAuthToken()));
        return true;
    }

    @Override
    public boolean keepAuthToken(String agentId, String sealedAuthToken) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean deleteObserved(String agentId, long generation) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentPage list(AgentQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long count(AgentQuery query) {
        throw new UnsupportedOperationException();
    }
}
