package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A pod's container run as a process, as the kubelet runs it with {@code restartPolicy: Always}: started from its
 * {@link ContainerMapping.Launch}, its output kept per run ({@link ContainerLog}), its startup, liveness and
 * readiness probes run against its port ({@link ProbeRunner}), its memory read from {@code /proc}
 * ({@link ProcessMetrics}). An exit is a restart, after a back-off from the second one on (10 s doubling to 5 min,
 * times the runtime's scale; reset after a run ten minutes long, scaled too) during which the container waits in
 * {@code CrashLoopBackOff}; a failed liveness or startup probe stops it (SIGTERM, SIGKILL after the grace period)
 * and restarts it; resident memory over the container's limit kills it at once, {@code OOMKilled} with 137.
 * {@link #step()} moves it on; {@link #view()} is what the kubelet reports.
 */
final class AgentProcess {

    private static final System.Logger LOG = System.getLogger(AgentProcess.class.getName());
    private static final long METRICS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    /** How a run ended: its exit code, the kubelet's reason for it, when it ran. */
    record Terminated(int exitCode, String reason, Instant startedAt, Instant finishedAt, String containerId,
                      String message) {
    }

    /** What the kubelet reports of the container now. */
    record View(int restartCount, boolean running, boolean started, boolean ready, Instant runningSince,
                String waitingReason, String waitingMessage, Terminated lastTerminated, String containerId) {
    }

    private final String podKey;
    private final Container container;
    private final ContainerMapping.Launch launch;
    private final Path directory;
    private final int port;
    private final long memoryLimit;
    private final double scale;
    private final Duration grace;
    private final ProcessMetrics metrics = new ProcessMetrics();

    private Process process;
    private Instant runningSince;
    private int restartCount;
    private Terminated lastTerminated;
    private final RestartBackOff backOff;
    private String killReason;
    private long killDeadlineNanos;
    private boolean stopped;
    private long lastMetricsNanos;
    private ProbeRunner startup;
    private ProbeRunner liveness;
    private ProbeRunner readiness;
    private boolean started;

    AgentProcess(String podKey, Container container, ContainerMapping.Launch launch, Path directory, int port,
                 double scale, Duration grace) {
        this.podKey = podKey;
        this.container = container;
        this.launch = launch;
        this.directory = directory;
        this.port = port;
        this.scale = scale;
        this.grace = grace;
        this.backOff = new RestartBackOff(scale);
        Quantity limit = container.getResources() == null || container.getResources().getLimits() == null ? null
                : container.getResources().getLimits().get("memory");
        this.memoryLimit = limit == null ? Long.MAX_VALUE : limit.getNumericalAmount().longValue();
    }

    int port() {
        return port;
    }

    /** The pod's termination grace period: how long a stopped container has between SIGTERM and SIGKILL. */
    Duration grace() {
        return grace;
    }

    String containerName() {
        return container.getName();
    }

    /** The log of run {@code n} (0 the first). */
    ContainerLog log(int run) {
        return new ContainerLog(directory.resolve("logs").resolve(container.getName() + "-" + run + ".log"));
    }

    synchronized ProcessHandle handle() {
        return process == null || !process.isAlive() ? null : process.toHandle();
    }

    synchronized ProcessMetrics metrics() {
        return metrics;
    }

    /** Starts the first run. */
    synchronized void start() {
        run();
    }

    /** Moves the container on: its exit noticed, a restart when its back-off is over, probes, memory, kills. */
    synchronized void step() {
        if (stopped) {
            forceKillIfOverdue();
            return;
        }
        long now = System.nanoTime();
        if (process != null && !process.isAlive()) {
            exited();
        }
        if (process == null) {
            if (backOff.due(Instant.now())) {
                backOff.clear();
                restartCount++;
                run();
            }
            return;
        }
        if (killReason != null) {
            forceKillIfOverdue();
            return;
        }
        if (now - lastMetricsNanos >= METRICS_EVERY_NANOS) {
            lastMetricsNanos = now;
            if (metrics.sample(process.toHandle()).residentBytes() > memoryLimit) {
                LOG.log(System.Logger.Level.INFO, podKey + ": resident memory over the limit of " + memoryLimit
                        + " bytes: OOMKilled");
                killReason = "OOMKilled";
                ProcessTree.signal(process, true);
                return;
            }
        }
        if (!started) {
            if (startup == null) {
                started = true;
            } else {
                startup.runIfDue(now);
                if (Boolean.FALSE.equals(startup.result())) {
                    stop("startup probe failed");
                    return;
                }
                started = Boolean.TRUE.equals(startup.result());
            }
        }
        if (started) {
            if (liveness != null) {
                liveness.runIfDue(now);
                if (Boolean.FALSE.equals(liveness.result())) {
                    stop("liveness probe failed");
                    return;
                }
            }
            if (readiness != null) {
                readiness.runIfDue(now);
            }
        }
    }

    /** The pod is gone: SIGTERM now, SIGKILL once the grace period is over; no restart. */
    synchronized void terminate(Duration within) {
        if (stopped) {
            return;
        }
        stopped = true;
        backOff.clear();
        if (process != null && process.isAlive()) {
            killDeadlineNanos = System.nanoTime() + within.toNanos();
            ProcessTree.signal(process, false);
        }
    }

    /** True once a terminated container's process is gone. */
    synchronized boolean finished() {
        forceKillIfOverdue();
        return stopped && (process == null || !process.isAlive());
    }

    synchronized View view() {
        boolean running = process != null && process.isAlive() && killReason == null;
        String containerId = PodStatuses.containerId(podKey, container.getName(), restartCount);
        if (running || (process != null && process.isAlive())) {
            boolean ready = started && (readiness == null || Boolean.TRUE.equals(readiness.result()));
            return new View(restartCount, true, started, running && ready, runningSince, null, null,
                    lastTerminated, containerId);
        }
        if (backOff.backingOff()) {
            long seconds = (long) Math.ceil(backOff.currentWait().toMillis() / 1000.0);
            return new View(restartCount, false, false, false, null, "CrashLoopBackOff", "back-off "
                    + formatSeconds(seconds) + " restarting failed container=" + container.getName() + " pod="
                    + podKey, lastTerminated, containerId);
        }
        return new View(restartCount, false, false, false, null, "ContainerCreating", null, lastTerminated,
                containerId);
    }

    private void run() {
        ContainerLog log = log(restartCount);
        started = false;
        killReason = null;
        try {
            Files.createDirectories(log.file().getParent());
            ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.workingDirectory().toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            log.appendQuietly("failed to start " + launch.command().get(0) + ": " + e.getMessage());
            Instant now = Instant.now();
            lastTerminated = new Terminated(128, "StartError", now, now,
                    PodStatuses.containerId(podKey, container.getName(), restartCount), null);
            process = null;
            backOff.exited(Duration.ZERO, now);
            return;
        }
        runningSince = Instant.now();
        Thread capture = new Thread(() -> log.capture(process.getInputStream()), "agent-log-" + podKey);
        capture.setDaemon(true);
        capture.start();
        try {
            ProcessTree.writePid(process, directory.resolve("pid"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, podKey + ": cannot write its pid file: " + e.getMessage());
        }
        lastMetricsNanos = 0;
        startup = ProbeRunner.of(container.getStartupProbe(), port, scale, true);
        liveness = ProbeRunner.of(container.getLivenessProbe(), port, scale, true);
        readiness = ProbeRunner.of(container.getReadinessProbe(), port, scale, false);
    }

    private void exited() {
        Instant now = Instant.now();
        int code = process.exitValue();
        String reason = "OOMKilled".equals(killReason) ? "OOMKilled" : code == 0 ? "Completed" : "Error";
        if ("OOMKilled".equals(killReason)) {
            code = 137;
        }
        lastTerminated = new Terminated(code, reason, runningSince, now,
                PodStatuses.containerId(podKey, container.getName(), restartCount),
                code == 0 || !"FallbackToLogsOnError".equals(container.getTerminationMessagePolicy()) ? null
                        : log(restartCount).terminationMessage());
        LOG.log(System.Logger.Level.INFO, podKey + ": container " + container.getName() + " exited with " + code
                + " (" + reason + ")");
        Duration ran = Duration.between(runningSince, now);
        process = null;
        runningSince = null;
        killReason = null;
        if (stopped) {
            return;
        }
        backOff.exited(ran, now);
    }

    private void stop(String why) {
        LOG.log(System.Logger.Level.INFO, podKey + ": " + why + ", container " + container.getName()
                + " will be restarted");
        killReason = why;
        killDeadlineNanos = System.nanoTime() + grace.toNanos();
        ProcessTree.signal(process, false);
    }

    private void forceKillIfOverdue() {
        if (process != null && process.isAlive() && killDeadlineNanos != 0 && System.nanoTime() > killDeadlineNanos) {
            ProcessTree.signal(process, true);
        }
    }

    private static String formatSeconds(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
