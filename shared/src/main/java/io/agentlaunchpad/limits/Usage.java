package io.agentlaunchpad.limits;

import io.agentlaunchpad.quantity.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Resources counted against a user's quota: agents, and CPU (millicores) and memory (bytes) of all their replicas. */
public record Usage(long agents, long milliCpu, long memoryBytes) {

    public static final Usage NONE = new Usage(0, 0, 0);

    /** What {@code agents} agents with these per-pod quantities request, all {@code replicas} included. */
    public static Usage of(String cpuPerPod, String memoryPerPod, int podReplicas, int agents) {
        BigDecimal replicas = BigDecimal.valueOf(podReplicas);
        long cpu = Quantity.require(cpuPerPod).multiply(BigDecimal.valueOf(1000)).multiply(replicas)
                .setScale(0, RoundingMode.CEILING).longValueExact();
        long memory = Quantity.require(memoryPerPod).multiply(replicas).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        return new Usage(agents, cpu, memory);
    }

    public Usage minus(Usage other) {
        return new Usage(agents - other.agents, milliCpu - other.milliCpu, memoryBytes - other.memoryBytes);
    }

    public Usage negate() {
        return NONE.minus(this);
    }

    public boolean isZero() {
        return agents == 0 && milliCpu == 0 && memoryBytes == 0;
    }
}
