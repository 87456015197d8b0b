package io.agentlaunchpad.agents;

import io.agentlaunchpad.quantity.Quantity;
import io.agentlaunchpad.config.LaunchpadConfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** The configured bounds and defaults an agent request is held to. */
public record AgentSettings(
        Set<String> plugins,
        String defaultMemory,
        String defaultCpu,
        int defaultReplicas,
        String minMemory,
        String maxMemory,
        String minCpu,
        String maxCpu,
        int maxReplicas,
        String agentsDomain,
        String estimatedDeployTime,
        int maxListLimit,
        int maxListOffset,
        Duration idempotencyTtl) {

    public static AgentSettings from(LaunchpadConfig config) {
        LaunchpadConfig.Agents a = config.agents();
        return new AgentSettings(new LinkedHashSet<>(a.plugins()), a.defaultMemory(), a.defaultCpu(), a.defaultReplicas(),
                a.minMemory(), a.maxMemory(), a.minCpu(), a.maxCpu(), a.maxReplicas(), a.domain(),
                a.estimatedDeployTime(), a.maxListLimit(), a.maxListOffset(),
                Duration.ofHours(config.idempotency().ttlHours()));
    }

    public BigDecimal minMemoryBytes() {
        return Quantity.require(minMemory);
    }

    public BigDecimal maxMemoryBytes() {
        return Quantity.require(maxMemory);
    }

    public BigDecimal minCpuCores() {
        return Quantity.require(minCpu);
    }

    public BigDecimal maxCpuCores() {
        return Quantity.require(maxCpu);
    }

    public String url(String agentId) {
        return "https://" + agentId + "." + agentsDomain;
    }
}
