package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.NamespaceState;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.OwnerObjectsMissingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner's objects go to the cluster once per owner, again only when they are found missing or in a sweep. */
class OwnerNamespacesTest {

    /** A cluster that holds namespaces and refuses an agent outside them, recording each call. */
    static final class RecordingCluster implements Cluster {
        final List<String> calls = new ArrayList<>();
        final Set<String> namespaces = new HashSet<>();

        @Override
        public void applyOwner(String namespace, String owner) {
            calls.add("owner " + namespace);
            namespaces.add(namespace);
        }

        @Override
        public void applyAgent(AgentWorkload workload) {
            calls.add("agent " + workload.agent().agentId());
            if (!namespaces.contains(workload.namespace())) {
                throw new OwnerObjectsMissingException(workload.namespace(), null);
            }
        }

        @Override
        public boolean scale(String namespace, String agentId, int replicas) {
            return false;
        }

        @Override
        public Optional<Observation> observe(String namespace, String agentId) {
            return Optional.empty();
        }

        @Override
        public NamespaceState readNamespace(String namespace, String owner) {
            throw new UnsupportedOperationException("not read here");
        }

        @Override
        public void deleteAgent(String agentId) {
        }

        @Override
        public void deleteAgent(String namespace, String agentId) {
        }
    }

    final RecordingCluster cluster = new RecordingCluster();
    final OwnerNamespaces owners = new OwnerNamespaces(cluster);

    @Test
    void theOwnersObjectsAreAppliedOnlyBeforeTheOwnersFirstAgent() {
        owners.applyAgent("user-a", workload("agent-1", "agents-a"));
        owners.applyAgent("user-a", workload("agent-2", "agents-a"));
        owners.applyAgent("user-b", workload("agent-3", "agents-b"));
        assertThat(cluster.calls).containsExactly("owner agents-a", "agent agent-1", "agent agent-2",
                "owner agents-b", "agent agent-3");
    }

    @Test
    void aNamespaceDeletedByHandIsMadeAgainBeforeTheAgent() {
        owners.applyAgent("user-a", workload("agent-1", "agents-a"));
        cluster.namespaces.clear();
        cluster.calls.clear();
        owners.applyAgent("user-a", workload("agent-2", "agents-a"));
        assertThat(cluster.calls).containsExactly("agent agent-2", "owner agents-a", "agent agent-2");
    }

    @Test
    void driftRepairRestoresTheOwnersObjects_andTheNextAgentNeedsNoMore() {
        owners.restore("agents-a", "user-a");
        owners.applyAgent("user-a", workload("agent-1", "agents-a"));
        assertThat(cluster.calls).containsExactly("owner agents-a", "agent agent-1");
    }

    static AgentWorkload workload(String agentId, String namespace) {
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec("bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("512Mi", "250m", 1));
        Agent agent = new Agent(agentId, "owner", spec, null, Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now,
                null, null);
        return new AgentWorkload(agent, namespace, "{}", Map.of(), "image@sha256:" + "0".repeat(64),
                agentId + ".agents.local", Duration.ofMinutes(15));
    }
}
