package io.agentlaunchpad.cluster;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: what the monitoring routes read from the cluster (the health probe, the system and agent metrics, an agent's
 * logs), the way the reader's RBAC allows: pods only inside the managed owner namespaces. Resource amounts are in
 * base units (cores, bytes) by resource name ({@code cpu}, {@code memory}, {@code ephemeral-storage}).
 * Every read throws {@link ClusterReadException} when the cluster does not answer.
 */
public interface ClusterReads {

    /** Every node of the cluster. */
    List<NodeCapacity> nodes();

    /** The pods the platform manages (label {@code app.kubernetes.io/managed-by}) in every owner namespace. */
    List<PodRequests> platformPods();

    /** Every pod of every managed owner namespace. */
    List<PodRequests> ownerNamespacePods();

    /** The agent's Deployment; empty when it does not exist. */
    Optional<DeploymentLimits> deployment(String namespace, String agentId);

    /** What {@code metrics.k8s.io} measured of the agent's pods; {@link ClusterReadException#code()} 404 when it has none. */
    List<PodUsage> podUsage(String namespace, String agentId);

    /** The agent's pods and their containers. */
    List<AgentPod> agentPods(String namespace, String agentId);

    /**
     * One container's log, each line led by its RFC 3339 time: the last {@code tailLines} lines, none before
     * {@code since} (to the second; null: from the start). {@code previous}: the log of the container's last run.
     */
    String log(String namespace, String pod, String container, boolean previous, Instant since, int tailLines);

    /** {@code allocatable}: what pods may request of the node, by resource name. */
    record NodeCapacity(String name, boolean ready, Map<String, BigDecimal> allocatable) {
    }

    /** {@code requests}: summed over the pod's containers, by resource name. */
    record PodRequests(String name, String phase, Map<String, BigDecimal> requests) {
    }

    /**
     * {@code replicas}: as the spec says (null when unset); {@code containerLimits}: each container's limits by
     * resource name.
     */
    record DeploymentLimits(Integer replicas, List<Map<String, BigDecimal>> containerLimits) {
    }

    /** {@code usage}: summed over the pod's containers, by resource name. */
    record PodUsage(String pod, Map<String, BigDecimal> usage) {
    }

    record AgentPod(String name, List<AgentContainer> containers) {
    }

    /**
     * {@code previousIsAnotherRun}: the container's previous run has a log of its own, other lines than a plain read
     * of the container answers.
     */
    record AgentContainer(String name, boolean previousIsAnotherRun) {
    }
}
