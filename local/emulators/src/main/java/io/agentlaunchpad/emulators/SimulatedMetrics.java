package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What metrics-server would measure: for each running, ready pod a CPU and memory usage that drifts slowly over
 * time below its container limits (a few percent of the CPU limit, a third to a half of the memory), and for a
 * node the sum of its pods' usage over a fixed system share.
 */
final class SimulatedMetrics {

    private static final BigDecimal DEFAULT_CPU = new BigDecimal("0.5");
    private static final BigDecimal DEFAULT_MEMORY = BigDecimal.valueOf(512L * 1024 * 1024);
    private static final long SYSTEM_CPU_NANOCORES = 180_000_000L;
    private static final long SYSTEM_MEMORY_BYTES = 1_400L * 1024 * 1024;

    private SimulatedMetrics() {
    }

    /** A pod metrics-server would report: its containers run and it is Ready. */
    static boolean measured(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()) && SimulatedKubelet.ready(pod);
    }

    static PodMetrics pod(Pod pod, Instant now) {
        List<ContainerMetrics> containers = new ArrayList<>();
        double phase = Math.floorMod(pod.getMetadata().getName().hashCode(), 1000) / 1000.0 * 2 * Math.PI;
        double seconds = now.getEpochSecond();
        for (var c : pod.getSpec().getContainers()) {
            BigDecimal cpuLimit = amount(c.getResources() == null ? null : c.getResources().getLimits(),
                    c.getResources() == null ? null : c.getResources().getRequests(), "cpu", DEFAULT_CPU);
            BigDecimal memoryLimit = amount(c.getResources() == null ? null : c.getResources().getLimits(),
                    c.getResources() == null ? null : c.getResources().getRequests(), "memory", DEFAULT_MEMORY);
            double cpuShare = 0.03 + 0.09 * wave(seconds / 300.0 + phase);
            double memoryShare = 0.35 + 0.15 * wave(seconds / 900.0 + phase);
            long nanocores = cpuLimit.multiply(BigDecimal.valueOf(1_000_000_000L * cpuShare)).longValue();
            long kibibytes = memoryLimit.multiply(BigDecimal.valueOf(memoryShare)).longValue() / 1024;
            containers.add(new ContainerMetricsBuilder().withName(c.getName())
                    .withUsage(Map.of("cpu", new Quantity(nanocores + "n"), "memory", new Quantity(kibibytes + "Ki")))
                    .build());
        }
        return new PodMetricsBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(pod.getMetadata().getName())
                        .withNamespace(pod.getMetadata().getNamespace()).withLabels(pod.getMetadata().getLabels())
                        .withCreationTimestamp(now.truncatedTo(ChronoUnit.SECONDS).toString()).build())
                .withTimestamp(now.minusSeconds(7).truncatedTo(ChronoUnit.SECONDS).toString())
                .withWindow(window(15)).withContainers(containers).build();
    }

    /** The node's usage: what its measured pods use, and the system's share. */
    static NodeMetrics node(String name, Map<String, String> labels, List<Pod> podsOnNode, Instant now) {
        return node(name, labels, podsOnNode, now, p -> measured(p) ? java.util.Optional.of(pod(p, now))
                : java.util.Optional.empty());
    }

    /** The node's usage, each pod's as {@code measure} reads it (empty: not measured). */
    static NodeMetrics node(String name, Map<String, String> labels, List<Pod> podsOnNode, Instant now,
                            java.util.function.Function<Pod, java.util.Optional<PodMetrics>> measure) {
        long nanocores = SYSTEM_CPU_NANOCORES;
        long bytes = SYSTEM_MEMORY_BYTES;
        for (Pod p : podsOnNode) {
            var measured = measure.apply(p);
            if (measured.isEmpty()) {
                continue;
            }
            for (ContainerMetrics c : measured.get().getContainers()) {
                nanocores += c.getUsage().get("cpu").getNumericalAmount().multiply(BigDecimal.valueOf(1_000_000_000L))
                        .longValue();
                bytes += c.getUsage().get("memory").getNumericalAmount().longValue();
            }
        }
        return new NodeMetricsBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels)
                        .withCreationTimestamp(now.truncatedTo(ChronoUnit.SECONDS).toString()).build())
                .withTimestamp(now.minusSeconds(7).truncatedTo(ChronoUnit.SECONDS).toString()).withWindow(window(20))
                .withUsage(Map.of("cpu", new Quantity(nanocores + "n"), "memory", new Quantity(bytes / 1024 + "Ki")))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Duration window(int seconds) {
        return new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(seconds));
    }

    private static double wave(double x) {
        return 0.5 + 0.5 * Math.sin(x);
    }

    private static BigDecimal amount(Map<String, Quantity> limits, Map<String, Quantity> requests, String name,
                                     BigDecimal otherwise) {
        if (limits != null && limits.get(name) != null) {
            return limits.get(name).getNumericalAmount();
        }
        if (requests != null && requests.get(name) != null) {
            return requests.get(name).getNumericalAmount();
        }
        return otherwise;
    }
}
