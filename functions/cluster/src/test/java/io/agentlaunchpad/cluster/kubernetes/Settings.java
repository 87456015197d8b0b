package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The real configuration mapping from properties (defaults included), and a workload to build objects from. */
final class Settings {

    private Settings() {
    }

    static ClusterConfig cluster(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ClusterConfig.class).build();
        return config.getConfigMapping(ClusterConfig.class);
    }

    static ClusterConfig defaults() {
        return cluster(Map.of());
    }

    static AgentWorkload workload(String memory) {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        Agent agent = new Agent("agent-abc123def456", "user-1", new AgentSpec("Support Bot", "helps",
                new Personality("Be kind.", List.of("A bot."), List.of("kind"), List.of("support")),
                List.of("@elizaos/plugin-discord"), new Resources(memory, "500m", 1)),
                null, Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null, null);
        return new AgentWorkload(agent, "agents-user-1", "{\"name\":\"Support Bot\"}",
                Map.of("ELIZA_SERVER_AUTH_TOKEN", "token-for-tests"), "registry/elizaos-agent@sha256:aa",
                "agent-abc123def456.agents.example.com", Duration.ofMinutes(10));
    }
}
