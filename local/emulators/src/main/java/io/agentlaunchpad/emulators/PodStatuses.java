package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The status a kubelet writes for a pod of the simulation: starting (container being created), or settled into an
 * {@link Outcome} as PodDiagnosis reads it; and the names, addresses and ids that status carries.
 */
final class PodStatuses {

    static final String CONTAINER_CREATING = "ContainerCreating";

    private PodStatuses() {
    }

    /** A scheduled pod whose container is being created: Pending, not ready. */
    static PodStatus startingStatus(Pod pod, Instant now) {
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream().map(c ->
                new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                        .withReady(false).withStarted(false).withRestartCount(0)
                        .withState(new ContainerStateBuilder().withNewWaiting().withReason(CONTAINER_CREATING)
                                .endWaiting().build()).build()).toList();
        return new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod))
                .withHostIP(hostIp()).withStartTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
                .withConditions(condition("PodScheduled", true, now), condition("Initialized", true, now),
                        condition("ContainersReady", false, now), condition("Ready", false, now))
                .withContainerStatuses(containers).build();
    }

    /** True while the pod's container is still being created (it has not settled into its outcome). */
    static boolean starting(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getState() != null
                && s.getState().getWaiting() != null
                && CONTAINER_CREATING.equals(s.getState().getWaiting().getReason()));
    }

    /**
     * The pod settled into {@code outcome}, as PodDiagnosis reads it: the Ready condition, the container's
     * waiting reason and last termination, the scheduler's condition.
     */
    static PodStatus settledStatus(Outcome outcome, Pod pod, Instant now, int nodes) {
        String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime() : now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (outcome == Outcome.UNSCHEDULABLE) {
            return new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod))
                    .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                            .withReason("Unschedulable").withLastTransitionTime(time(now))
                            .withMessage("0/" + nodes + " nodes are available: " + nodes
                                    + " Insufficient memory. preemption: 0/" + nodes + " nodes are available: "
                                    + nodes + " No preemption victims found for incoming pod.").build())
                    .build();
        }
        boolean ready = outcome == Outcome.READY;
        String podIp = podIp(pod);
        List<ContainerStatus> containers = new ArrayList<>();
        for (var c : pod.getSpec().getContainers()) {
            String image = c.getImage();
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(image)
                    .withImageID(outcome == Outcome.IMAGE_PULL_BACK_OFF ? "" : imageId(image))
                    .withReady(ready).withStarted(ready);
            switch (outcome) {
                case READY -> status.withRestartCount(0).withContainerID(containerId(pod, c.getName(), 0))
                        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(started)
                                .endRunning().build());
                case IMAGE_PULL_BACK_OFF -> status.withRestartCount(0).withState(waiting("ImagePullBackOff",
                        "Back-off pulling image \"" + image + "\""));
                case CRASH_LOOP_BACK_OFF -> crashed(status, pod, c.getName(), 6, "Error", 1,
                        "back-off 5m0s restarting failed container=" + c.getName() + " pod=" + name(pod), now);
                case OOM_KILLED -> crashed(status, pod, c.getName(), 3, "OOMKilled", 137,
                        "back-off 40s restarting failed container=" + c.getName() + " pod=" + name(pod), now);
                default -> throw new IllegalArgumentException(outcome.name());
            }
            containers.add(status.build());
        }
        return new PodStatusBuilder().withPhase(outcome == Outcome.IMAGE_PULL_BACK_OFF ? "Pending" : "Running")
                .withQosClass(qosClass(pod)).withStartTime(started).withHostIP(hostIp()).withPodIP(podIp)
                .addNewPodIP(podIp)
                .withConditions(condition("PodScheduled", true, now), condition("Initialized", true, now),
                        condition("ContainersReady", ready, now), condition("Ready", ready, now))
                .withContainerStatuses(containers).build();
    }

    /** A container in back-off after its {@code restarts}-th exit; the last run lasted a few seconds. */
    private static void crashed(ContainerStatusBuilder status, Pod pod, String container, int restarts, String reason,
                                int exitCode, String message, Instant now) {
        Instant finished = now.minusSeconds(1);
        Instant started = finished.minusSeconds(3);
        status.withRestartCount(restarts).withState(waiting("CrashLoopBackOff", message))
                .withLastState(new ContainerStateBuilder().withNewTerminated().withReason(reason)
                        .withExitCode(exitCode).withStartedAt(time(started)).withFinishedAt(time(finished))
                        .withContainerID(containerId(pod, container, restarts)).endTerminated().build());
    }

    static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                .build();
    }

    static PodCondition condition(String type, boolean status, Instant now) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(time(now)).build();
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Guaranteed when every container's requests equal its limits, BestEffort with none, else Burstable. */
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (var c : pod.getSpec().getContainers()) {
            var r = c.getResources();
            var requests = r == null || r.getRequests() == null ? Map.<String, Quantity>of() : r.getRequests();
            var limits = r == null || r.getLimits() == null ? Map.<String, Quantity>of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String name : List.of("cpu", "memory")) {
                Quantity limit = limits.get(name);
                Quantity request = requests.getOrDefault(name, limit);
                guaranteed &= limit != null && request != null
                        && limit.getNumericalAmount().compareTo(request.getNumericalAmount()) == 0;
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    static String hostIp() {
        return "10.0.0.10";
    }

    private static String podIp(Pod pod) {
        int n = Math.floorMod(pod.getMetadata().getName().hashCode(), 250) + 2;
        return "10.244.0." + n;
    }

    private static String imageId(String image) {
        String base = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        return base + "@sha256:" + digest(image);
    }

    static String containerId(Pod pod, String container, int instance) {
        return containerId(pod.getMetadata().getName(), container, instance);
    }

    static String containerId(String podName, String container, int instance) {
        return "containerd://" + digest(podName + "/" + container + "/" + instance);
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
