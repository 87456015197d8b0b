package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of a simulated pod's container, as the kubelet serves it at {@code GET .../pods/{pod}/log}: ElizaOS-like
 * lines written from the container instance's start (boot, then a heartbeat every {@value #HEARTBEAT_SECONDS}
 * seconds while it runs, or the error or memory warning it dies of), so the log grows as time passes and a second
 * read sees new lines. Which instance is read, and the errors for a container with none, follow the kubelet.
 */
final class SimulatedLogs {

    static final int HEARTBEAT_SECONDS = 5;
    private static final DateTimeFormatter RFC3339_NANO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    /** A refused read: the message of the kubelet's 400. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What a log request asks for (the query parameters the API server accepts). */
    record Request(String container, boolean previous, boolean timestamps, Instant since, Integer tailLines,
                   Long limitBytes) {
    }

    private record Line(Instant at, String text) {
    }

    /** How a container instance ends: still running, exited with an error, or killed at its memory limit. */
    private enum End { RUNNING, ERROR, OOM_KILLED }

    /** One run of a container: its boot lines fit in {@code bootMillis} (it is Ready after them). */
    private record Instance(Instant start, Instant end, End how, String seed, long bootMillis) {
    }

    /** How long the boot lines take when nothing hurries them. */
    private static final long BOOT_MILLIS = 2400;

    private SimulatedLogs() {
    }

    /** The log text for this request at {@code now}, or {@link Refused} as the kubelet refuses it. */
    static String read(Pod pod, Request request, Instant now) {
        String podName = pod.getMetadata().getName();
        List<String> names = pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        String container = request.container();
        if (container == null || container.isEmpty()) {
            if (names.size() != 1) {
                throw new Refused("a container name must be specified for pod " + podName + ", choose one of: "
                        + names);
            }
            container = names.get(0);
        } else if (!names.contains(container)) {
            throw new Refused("container " + container + " is not valid for pod " + podName);
        }
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            throw new Refused("pod " + podName + " does not have a host assigned");
        }
        String name = container;
        ContainerStatus status = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream().filter(s -> name.equals(s.getName())).findFirst()
                .orElse(null);
        Instance instance = instance(pod, name, status, request.previous(), now);
        String image = pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .map(c -> c.getImage()).orElse("");
        String agent = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("agent-id");
        List<Line> lines = lines(instance, agent == null ? podName : agent, image, request.since(),
                request.tailLines(), now);
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            if (request.timestamps()) {
                out.append(RFC3339_NANO.format(line.at())).append(' ');
            }
            out.append(line.text()).append('\n');
        }
        String text = out.toString();
        if (request.limitBytes() != null && request.limitBytes() >= 0) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (bytes.length > request.limitBytes()) {
                text = new String(bytes, 0, (int) Math.min(Integer.MAX_VALUE, request.limitBytes()),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return text;
    }

    /** The container instance the kubelet would read (its validateContainerLogStatus). */
    private static Instance instance(Pod pod, String container, ContainerStatus status, boolean previous,
                                     Instant now) {
        String podName = pod.getMetadata().getName();
        String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
        ContainerStateTerminated last = status == null || status.getLastState() == null ? null
                : status.getLastState().getTerminated();
        if (previous) {
            if (last == null || last.getContainerID() == null || last.getContainerID().isEmpty()) {
                throw new Refused("previous terminated " + quoted + " not found");
            }
            return ended(last, now);
        }
        if (status == null || status.getState() == null) {
            throw new Refused(quoted + " is waiting to start - no logs yet");
        }
        var state = status.getState();
        if (state.getRunning() != null) {
            Instant start = parse(state.getRunning().getStartedAt(), now);
            // Ready only once it listens: the boot lines end by the time the pod settled Ready.
            Instant ready = SimulatedKubelet.settlesAt(pod);
            long boot = ready == null ? BOOT_MILLIS
                    : Math.max(0, Math.min(BOOT_MILLIS, Duration.between(start, ready).toMillis()));
            return new Instance(start, null, End.RUNNING, status.getContainerID() + start, boot);
        }
        if (state.getTerminated() != null) {
            if (state.getTerminated().getContainerID() != null && !state.getTerminated().getContainerID().isEmpty()) {
                return ended(state.getTerminated(), now);
            }
            if (last != null && last.getContainerID() != null && !last.getContainerID().isEmpty()) {
                return ended(last, now);
            }
            throw new Refused(quoted + " is terminated");
        }
        if (last != null) {
            if (last.getContainerID() == null || last.getContainerID().isEmpty()) {
                throw new Refused(quoted + " is terminated");
            }
            return ended(last, now);
        }
        if (state.getWaiting() != null) {
            String reason = state.getWaiting().getReason();
            if ("ErrImagePull".equals(reason)) {
                throw new Refused(quoted + " is waiting to start: image can't be pulled");
            }
            if ("ImagePullBackOff".equals(reason)) {
                throw new Refused(quoted + " is waiting to start: trying and failing to pull image");
            }
            throw new Refused(quoted + " is waiting to start: " + reason);
        }
        throw new Refused(quoted + " is waiting to start - no logs yet");
    }

    private static Instance ended(ContainerStateTerminated terminated, Instant now) {
        Instant start = parse(terminated.getStartedAt(), now);
        Instant end = parse(terminated.getFinishedAt(), now);
        return new Instance(start, end, "OOMKilled".equals(terminated.getReason()) ? End.OOM_KILLED : End.ERROR,
                terminated.getContainerID(), BOOT_MILLIS);
    }

    private static Instant parse(String time, Instant otherwise) {
        try {
            return time == null ? otherwise : Instant.parse(time);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    /** The instance's lines up to {@code now} (or its end), from {@code since}, the last {@code tail} of them. */
    private static List<Line> lines(Instance instance, String agent, String image, Instant since, Integer tail,
                                    Instant now) {
        Instant end = instance.end() == null || instance.end().isAfter(now) ? now : instance.end();
        List<Line> lines = new ArrayList<>();
        Object[][] boot = {
                {0, "Info", "Starting ElizaOS agent server (" + image + ")"},
                {120, "Info", "Loading character from /etc/elizaos/character.json"},
                {380, "Info", "Character \"" + agent + "\" loaded"},
                {650, "Info", "Plugin auto-install is off (ELIZA_NO_PLUGIN_AUTO_INSTALL=true): loading the image's "
                        + "plugins"},
                {1400, "Info", "Database ready: PGlite at /data/pglite"},
        };
        for (int i = 0; i < boot.length; i++) {
            lines.add(bootLine(instance, (int) boot[i][0], i, (String) boot[i][1], (String) boot[i][2]));
        }
        switch (instance.how()) {
            case RUNNING -> {
                lines.add(bootLine(instance, 2100, 10, "Success", "AgentServer is listening on port 3000"));
                lines.add(bootLine(instance, 2300, 11, "Info", "Agent " + agent + " started; ready at GET /health"));
            }
            case ERROR -> {
                lines.add(bootLine(instance, 2600, 10, "Error", "Failed to start agent " + agent
                        + ": a plugin could not initialise (missing or invalid credentials)"));
                lines.add(bootLine(instance, 2750, 11, "Fatal", "Agent server exiting with code 1"));
            }
            case OOM_KILLED -> lines.add(bootLine(instance, 2000, 10, "Warn",
                    "Memory usage is at 98% of the container's limit"));
        }
        lines.removeIf(l -> l.at().isAfter(end) || (since != null && l.at().isBefore(since)));
        if (instance.how() == End.RUNNING) {
            long beats = Duration.between(instance.start(), end).getSeconds() / HEARTBEAT_SECONDS;
            long first = 1;
            if (since != null && since.isAfter(instance.start())) {
                first = Math.max(1, (Duration.between(instance.start(), since).getSeconds()) / HEARTBEAT_SECONDS);
            }
            if (tail != null) {
                first = Math.max(first, beats - tail + 1);
            }
            for (long k = first; k <= beats; k++) {
                Line beat = line(instance, k * HEARTBEAT_SECONDS * 1000, 100 + k, "Info",
                        "Heartbeat: agent " + agent + " healthy, uptime " + (k * HEARTBEAT_SECONDS) + "s");
                if (!beat.at().isAfter(end) && (since == null || !beat.at().isBefore(since))) {
                    lines.add(beat);
                }
            }
        }
        if (tail != null) {
            int keep = Math.max(0, tail);
            return keep >= lines.size() ? lines : new ArrayList<>(lines.subList(lines.size() - keep, lines.size()));
        }
        return lines;
    }

    /**
     * A boot line {@code offsetMillis} (of {@link #BOOT_MILLIS}) after the instance started, with some jitter of its
     * own (less than the 120 ms between two boot lines), the whole boot squeezed into the instance's boot time.
     */
    private static Line bootLine(Instance instance, long offsetMillis, long index, String level, String message) {
        long jitter = Math.floorMod(mix(instance.seed().hashCode() * 31L + index), 40_000);
        long micros = (offsetMillis * 1000 + jitter) * instance.bootMillis() / BOOT_MILLIS;
        return new Line(instance.start().plusNanos(micros * 1000 + index),
                String.format("%-10s %s", level, message));
    }

    /** A line {@code offsetMillis} after the instance started, a few milliseconds of jitter of its own. */
    private static Line line(Instance instance, long offsetMillis, long index, String level, String message) {
        long jitter = Math.floorMod(mix(instance.seed().hashCode() * 31L + index), 40);
        Instant at = instance.start().plusMillis(offsetMillis + jitter).plusNanos(Math.floorMod(mix(index), 1000));
        return new Line(at, String.format("%-10s %s", level, message));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
