package io.agentlaunchpad.limits;

import io.agentlaunchpad.agents.Quantity;
import io.agentlaunchpad.agents.Resources;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Resources counted against a user's quota: agents, and CPU (millicores) and memory (bytes) of all their replicas. */
public record Usage(long agents, long milliCpu, long memoryBytes) {

    public static final Usage NONE = new Usage(0, 0, 0);

    /** What {@code agents} agents with these per-pod resources request, all replicas included. */
    public static Usage of(Resources resources, int agents) {
        BigDecimal replicas = BigDecimal.valueOf(resources.replicas());
        long cpu = Quantity.require(resources.cpu()).multiply(BigDecimal.valueOf(1000)).multiply(replicas)
                .setScale(0, RoundingMode.CEILING).longValueExact();
        long memory = Quantity.require(resources.memory()).multiply(replicas).setScale(0, RoundingMode.CEILING)
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
