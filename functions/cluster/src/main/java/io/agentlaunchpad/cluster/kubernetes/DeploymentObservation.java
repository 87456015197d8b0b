package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.Observation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An {@link Observation} made of a Deployment and its pods, however they were read (one agent's, or a namespace's). */
final class DeploymentObservation {

    private DeploymentObservation() {
    }

    static Observation of(Deployment deployment, List<Pod> agentPods) {
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        List<Observation.Condition> conditions = status.getConditions() == null ? List.of()
                : status.getConditions().stream().map(c -> new Observation.Condition(c.getType(), c.getStatus(),
                c.getReason(), c.getMessage())).toList();
        List<Observation.PodState> pods = agentPods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(DeploymentObservation::podState).toList();
        String checksum = deployment.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
                : deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(AgentDeployment.CONFIG_CHECKSUM);
        return new Observation(
                deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas(),
                orZero(status.getReadyReplicas()), orZero(status.getUpdatedReplicas()),
                observed >= generation,
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), checksum,
                appliedGeneration(deployment), conditions, pods);
    }

    private static long appliedGeneration(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(AgentDeployment.GENERATION);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Observation.PodState podState(Pod pod) {
        var status = pod.getStatus();
        boolean ready = false;
        String unschedulable = null;
        if (status != null && status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                    ready = true;
                }
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason())) {
                    unschedulable = c.getMessage() == null ? "Unschedulable" : c.getMessage();
                }
            }
        }
        String waiting = null;
        String waitingMessage = null;
        String terminated = null;
        String lastTerminated = null;
        String lastTerminatedMessage = null;
        int restarts = 0;
        if (status != null && status.getContainerStatuses() != null) {
            for (ContainerStatus cs : status.getContainerStatuses()) {
                restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
                if (cs.getState() != null && cs.getState().getWaiting() != null) {
                    waiting = cs.getState().getWaiting().getReason();
                    waitingMessage = cs.getState().getWaiting().getMessage();
                }
                if (cs.getState() != null && cs.getState().getTerminated() != null) {
                    terminated = cs.getState().getTerminated().getReason();
                }
                if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
                    lastTerminated = cs.getLastState().getTerminated().getReason();
                    lastTerminatedMessage = cs.getLastState().getTerminated().getMessage();
                }
            }
        }
        Instant started = status == null || status.getStartTime() == null ? null : Instant.parse(status.getStartTime());
        return new Observation.PodState(pod.getMetadata().getName(), status == null ? null : status.getPhase(), ready,
                started, waiting, waitingMessage, terminated, lastTerminated, lastTerminatedMessage, restarts,
                unschedulable);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
