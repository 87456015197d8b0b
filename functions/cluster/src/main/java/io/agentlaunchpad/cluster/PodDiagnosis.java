package io.agentlaunchpad.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Turns pod and Deployment status into a reason a person can act on, or nothing while the rollout may still
 * succeed. Order matters: a crash loop caused by the memory limit is reported as OOMKilled.
 */
public final class PodDiagnosis {

    /** How a reason starts to quote the agent's own output (which may hold anything, credentials included). */
    public static final String QUOTE = "Its last lines: \"";

    private PodDiagnosis() {
    }

    /** The reason without its quote of the agent's output. */
    public static String withoutQuote(String reason) {
        int start = reason.indexOf(QUOTE);
        int end = start < 0 ? -1 : reason.indexOf("\". ", start + QUOTE.length());
        return start < 0 || end < 0 ? reason : reason.substring(0, start) + reason.substring(end + 3);
    }

    public static Optional<String> failure(Observation o, String memory) {
        for (Observation.Condition c : o.conditions()) {
            if ("ReplicaFailure".equals(c.type()) && "True".equals(c.status())
                    && c.message() != null && c.message().contains("exceeded quota")) {
                return Optional.of("Quota exceeded: the owner's namespace quota does not admit another pod ("
                        + c.message() + "). Lower replicas, cpu or memory, or delete another agent.");
            }
        }
        for (Observation.PodState pod : o.pods()) {
            if ("OOMKilled".equals(pod.terminatedReason()) || "OOMKilled".equals(pod.lastTerminatedReason())) {
                return Optional.of("OOMKilled: the agent ran out of its " + memory
                        + " memory limit. ElizaOS needs 1-2Gi at boot: raise resources.memory.");
            }
        }
        for (Observation.PodState pod : o.pods()) {
            String waiting = pod.waitingReason();
            if ("ImagePullBackOff".equals(waiting) || "ErrImagePull".equals(waiting)
                    || "InvalidImageName".equals(waiting)) {
                return Optional.of("ImagePullBackOff: the agent image could not be pulled"
                        + (pod.waitingMessage() == null ? "" : " (" + pod.waitingMessage() + ")")
                        + ". Check the image catalogue and the node's registry access.");
            }
            if ("CrashLoopBackOff".equals(waiting)) {
                return Optional.of("CrashLoopBackOff: the agent exits at start-up (" + pod.restarts()
                        + " restarts). " + lastLines(pod.lastTerminatedMessage())
                        + "Check its logs, its plugins' settings and its platform credentials.");
            }
            if ("CreateContainerConfigError".equals(waiting)) {
                return Optional.of("CreateContainerConfigError: " + (pod.waitingMessage() == null ? ""
                        : pod.waitingMessage()));
            }
            if (pod.unschedulableMessage() != null) {
                return Optional.of("Unschedulable: no node can run the agent (" + pod.unschedulableMessage()
                        + "). Lower resources.cpu or resources.memory, or add capacity.");
            }
        }
        for (Observation.Condition c : o.conditions()) {
            if ("Progressing".equals(c.type()) && "False".equals(c.status())
                    && "ProgressDeadlineExceeded".equals(c.reason())) {
                return Optional.of("ProgressDeadlineExceeded: the rollout made no progress ("
                        + o.readyReplicas() + "/" + o.desiredReplicas() + " ready).");
            }
        }
        return Optional.empty();
    }

    /** The end of the agent's last words (its termination message), so the reason says why it exits. */
    static String lastLines(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        List<String> lines = message.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return QUOTE + (last.length() > 400 ? "..." + last.substring(last.length() - 400) : last)
                + "\". ";
    }
}
