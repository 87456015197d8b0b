package io.agentlaunchpad.agents;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/** Response bodies of the agent routes, field for field as the API reference shows them. */
public final class AgentViews {

    private AgentViews() {
    }

    @RegisterForReflection
    public record Created(String agentId, String status, String createdAt, String estimatedDeployTime) {
    }

    @RegisterForReflection
    public record Status(String agentId, String status, String reason, String url, Health health, String deployedAt,
                         String lastUpdated, long revision, Long deployedRevision) {
    }

    @RegisterForReflection
    public record Health(String overall, KubernetesHealth kubernetes, ApplicationHealth application) {
    }

    @RegisterForReflection
    public record KubernetesHealth(String status, int replicas, int readyReplicas) {
    }

    @RegisterForReflection
    public record ApplicationHealth(String status, String uptime, String responseTime) {
    }

    @RegisterForReflection
    public record ListItem(String agentId, String name, String status, String owner, String createdAt, String url) {
    }

    @RegisterForReflection
    public record Listing(List<ListItem> agents, long total, int limit, int offset, String nextToken) {
    }

    @RegisterForReflection
    public record Scaled(String agentId, int currentReplicas, int targetReplicas, String status, String updatedAt) {
    }

    @RegisterForReflection
    public record Operation(String agentId, String status, String message, String timestamp) {
    }

    @RegisterForReflection
    public record Detail(String agentId, String name, String description, String owner, String status, String reason,
                         String url, Personality personality, List<String> selectedPlugins, Resources resources,
                         Map<String, Map<String, String>> platforms, long generation, long version, String createdAt,
                         String updatedAt, String deployedAt, long revision, Long deployedRevision) {
    }

    /** The detail of a stored agent: its spec, its platform settings redacted, never a sealed value. */
    static Detail detail(Agent agent, String url) {
        return new Detail(agent.agentId(), agent.spec().name(), agent.spec().description(), agent.owner(),
                agent.status().name(), agent.statusReason(), url, agent.spec().personality(), agent.spec().plugins(),
                agent.spec().resources(), agent.platformView(), agent.generation(), agent.version(),
                timestamp(agent.createdAt()), timestamp(agent.updatedAt()), timestamp(agent.deployedAt()),
                agent.generation(), RevisionViews.deployed(agent));
    }

    static ListItem listItem(AgentSummary agent, String url) {
        return new ListItem(agent.agentId(), agent.name(), agent.status().name(), agent.owner(),
                timestamp(agent.createdAt()), url);
    }
}
