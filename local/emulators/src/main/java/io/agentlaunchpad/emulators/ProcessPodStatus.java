package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process-backed pod's status as the kubelet writes it from its containers ({@link AgentProcess.View}): Running
 * once a container has started (also while it waits in CrashLoopBackOff), Ready and ContainersReady when every
 * container passes its readiness probe, each container's state, restart count and last termination. The pod IP
 * is loopback (the process listens there, on a port of its own). A condition keeps its
 * transition time while its status does not change, so an unchanged pod reads the same twice.
 */
final class ProcessPodStatus {

    static final String LOOPBACK = "127.0.0.1";

    private ProcessPodStatus() {
    }

    static PodStatus of(Pod pod, Map<String, AgentProcess.View> containers, Instant now) {
        List<ContainerStatus> statuses = new ArrayList<>();
        boolean allReady = !containers.isEmpty();
        boolean anyStarted = false;
        for (var c : pod.getSpec().getContainers()) {
            AgentProcess.View view = containers.get(c.getName());
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                    .withImageID(c.getImage() + "@local").withReady(view != null && view.ready())
                    .withStarted(view != null && view.started())
                    .withRestartCount(view == null ? 0 : view.restartCount());
            if (view == null) {
                status.withState(PodStatuses.waiting(PodStatuses.CONTAINER_CREATING, null));
                allReady = false;
            } else {
                allReady &= view.ready();
                if (view.running()) {
                    anyStarted = true;
                    status.withContainerID(view.containerId()).withState(new ContainerStateBuilder().withNewRunning()
                            .withStartedAt(PodStatuses.time(view.runningSince())).endRunning().build());
                } else {
                    status.withState(PodStatuses.waiting(view.waitingReason(), view.waitingMessage()));
                }
                var last = view.lastTerminated();
                if (last != null) {
                    anyStarted = true;
                    status.withLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(last.exitCode())
                            .withReason(last.reason()).withStartedAt(PodStatuses.time(last.startedAt()))
                            .withFinishedAt(PodStatuses.time(last.finishedAt()))
                            .withContainerID(last.containerId()).withMessage(last.message()).endTerminated().build());
                }
            }
            statuses.add(status.build());
        }
        String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime() : PodStatuses.time(now);
        PodStatusBuilder status = new PodStatusBuilder().withPhase(anyStarted ? "Running" : "Pending")
                .withQosClass(PodStatuses.qosClass(pod)).withHostIP(PodStatuses.hostIp())
                .withStartTime(started)
                .withConditions(kept(pod, PodStatuses.condition("PodScheduled", true, now)),
                        kept(pod, PodStatuses.condition("Initialized", true, now)),
                        kept(pod, PodStatuses.condition("ContainersReady", allReady, now)),
                        kept(pod, PodStatuses.condition("Ready", allReady, now)))
                .withContainerStatuses(statuses);
        if (anyStarted) {
            status.withPodIP(LOOPBACK).addNewPodIP(LOOPBACK);
        }
        return status.build();
    }

    /** A pod whose containers cannot be made: each waits in {@code CreateContainerConfigError} with the message. */
    static PodStatus configError(Pod pod, String message, Instant now) {
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withImageID("").withReady(false).withStarted(false)
                .withRestartCount(0).withState(PodStatuses.waiting("CreateContainerConfigError", message))
                .build()).toList();
        String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime() : PodStatuses.time(now);
        return new PodStatusBuilder().withPhase("Pending").withQosClass(PodStatuses.qosClass(pod))
                .withHostIP(PodStatuses.hostIp()).withStartTime(started)
                .withConditions(kept(pod, PodStatuses.condition("PodScheduled", true, now)),
                        kept(pod, PodStatuses.condition("Initialized", true, now)),
                        kept(pod, PodStatuses.condition("ContainersReady", false, now)),
                        kept(pod, PodStatuses.condition("Ready", false, now)))
                .withContainerStatuses(statuses).build();
    }

    /** The condition with the transition time it already has when its status is the same. */
    private static PodCondition kept(Pod pod, PodCondition condition) {
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            pod.getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals(condition.getType())
                            && Objects.equals(c.getStatus(), condition.getStatus()))
                    .findFirst().ifPresent(c -> condition.setLastTransitionTime(c.getLastTransitionTime()));
        }
        return condition;
    }
}
