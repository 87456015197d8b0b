package io.agentlaunchpad.agents;

import io.agentlaunchpad.time.Uptime;

import java.time.Duration;
import java.time.Instant;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * The {@code health} block from what the record knows (the deployer keeps {@code readyReplicas} current).
 * Rule: FAILED is UNHEALTHY; a stopped agent is STOPPED; before the first deploy it is PENDING; after it,
 * all replicas ready is HEALTHY, some is DEGRADED, none is UNHEALTHY. {@code overall} follows the pods, since a
 * pod is only ready once ElizaOS's {@code /health} answers.
 */
final class AgentHealth {

    private AgentHealth() {
    }

    static AgentViews.Status status(Agent agent, String url, Instant now) {
        int replicas = agent.spec().resources().replicas();
        int ready = Math.min(agent.readyReplicas(), replicas);
        String pods = podHealth(agent, replicas, ready);
        String application = ready > 0 ? "HEALTHY" : switch (pods) {
            case "PENDING", "STOPPED", "TERMINATING" -> pods;
            default -> "UNHEALTHY";
        };
        String uptime = agent.status() == AgentStatus.DEPLOYED && agent.deployedAt() != null && ready > 0
                ? Uptime.of(Duration.between(agent.deployedAt(), now)) : null;
        return new AgentViews.Status(agent.agentId(), agent.status().name(), agent.statusReason(), url,
                new AgentViews.Health(pods, new AgentViews.KubernetesHealth(pods, replicas, ready),
                        new AgentViews.ApplicationHealth(application, uptime, null)),
                timestamp(agent.deployedAt()), timestamp(agent.updatedAt()));
    }

    private static String podHealth(Agent agent, int replicas, int ready) {
        if (agent.status() == AgentStatus.FAILED) {
            return "UNHEALTHY";
        }
        if (agent.status() == AgentStatus.DELETING) {
            return "TERMINATING";
        }
        if (agent.status() == AgentStatus.STOPPED || replicas == 0) {
            return "STOPPED";
        }
        if (agent.deployedAt() == null) {
            return "PENDING";
        }
        if (ready >= replicas) {
            return "HEALTHY";
        }
        return ready > 0 ? "DEGRADED" : "UNHEALTHY";
    }
}
