package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.PlatformVault;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.timeline.TimelineRecorder;

import java.util.Map;

/** What the cluster should hold of an agent: its namespace and objects, and its reasons with its secrets blanked. */
final class AgentWorkloads {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private final AgentStore store;
    private final PlatformVault vault;
    private final ClusterConfig clusterConfig;
    private final DeployerConfig config;
    private final String domain;

    AgentWorkloads(AgentStore store, PlatformVault vault, ClusterConfig clusterConfig, DeployerConfig config,
                   String domain) {
        this.store = store;
        this.vault = vault;
        this.clusterConfig = clusterConfig;
        this.config = config;
        this.domain = domain;
    }

    /** The agent's objects as they should be; gives the agent its auth token first if it has none yet. */
    AgentWorkload workload(Agent agent, String namespace, String image) {
        Agent withToken = withAuthToken(agent);
        return new AgentWorkload(withToken, namespace, CharacterFile.json(withToken),
                Credentials.environment(withToken, vault, clusterConfig.sharesModelCredentialsWith(agent.owner())
                        ? clusterConfig.modelCredentials() : Map.of()), image,
                agent.agentId() + "." + domain, config.progressDeadline());
    }

    /**
     * Agents created before agents had their own API token get one at their next roll-out. Kept in the record before
     * the Secret is written, so the messages service and every later roll-out use the same token; of two racing
     * deployers the second reads the first one's token.
     */
    private Agent withAuthToken(Agent agent) {
        if (agent.sealedAuthToken() != null) {
            return agent;
        }
        String sealed = vault.newSealedAuthToken(agent.agentId());
        if (!store.keepAuthToken(agent.agentId(), sealed)) {
            sealed = store.find(agent.agentId()).map(Agent::sealedAuthToken).orElseThrow(() ->
                    new IllegalStateException("agent " + agent.agentId() + " is gone; nothing to apply"));
        } else {
            LOG.info("auth token created", Map.of("agentId", agent.agentId()));
        }
        return agent.withSealedAuthToken(sealed);
    }

    String namespace(Agent agent) {
        return AgentNames.namespace(clusterConfig.namespacePrefix(), agent.owner());
    }

    /**
     * A reason quoting the agent's last log lines may quote its own credentials: every value of its Secret is
     * blanked. Should they not open, the quote goes rather than risk it.
     */
    String withoutSecrets(Agent agent, String reason) {
        if (!reason.contains(PodDiagnosis.QUOTE)) {
            return reason;
        }
        try {
            return TimelineRecorder.scrub(reason, Credentials.environment(agent, vault,
                    clusterConfig.modelCredentials()).values());
        } catch (RuntimeException e) {
            return PodDiagnosis.withoutQuote(reason);
        }
    }
}
