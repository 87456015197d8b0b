package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The container runtime of the simulated kubelet when pods run as real processes: each pod it is given gets a
 * directory {@code <agents>/<namespace>/<agent>/<pod>/} (its volumes, its logs, its pid), a loopback port, and one
 * {@link AgentProcess} per container, started from the pod's spec ({@link ContainerMapping}); a pod no longer
 * given is stopped (SIGTERM, SIGKILL after its grace period) and its directory removed, and an agent's directory
 * goes with its Deployment. Processes a previous platform left behind (it was killed) are found by their pid files
 * and killed at start; {@link #close()} stops every process.
 */
public final class ProcessRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProcessRuntime.class.getName());
    private static final Duration STEP = Duration.ofMillis(100);
    /** How long closing the platform lets agents stop before it kills them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** One pod's processes and where they live. */
    private record Running(String namespace, String agent, Path directory, int port, Map<String, AgentProcess> containers) {
    }

    private final ProcessRuntimeSettings settings;
    private final Map<String, Running> pods = new ConcurrentHashMap<>();
    private final Map<String, Running> stopping = new ConcurrentHashMap<>();
    /** Pods whose containers cannot be made yet (a missing ConfigMap, Secret or key): the kubelet's message. */
    private final Map<String, String> configErrors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stepper;

    public ProcessRuntime(ProcessRuntimeSettings settings) {
        this.settings = settings;
        LeftoverProcesses.killAll(settings.agentsDirectory());
        this.stepper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-runtime");
            t.setDaemon(true);
            return t;
        });
        stepper.scheduleWithFixedDelay(this::stepAll, STEP.toMillis(), STEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ProcessRuntimeSettings settings() {
        return settings;
    }

    /** Starts the pod's containers if they do not run yet (its ConfigMaps and Secrets read with {@code client}). */
    void ensure(Pod pod, KubernetesClient client) {
        String key = key(pod);
        if (pods.containsKey(key)) {
            return;
        }
        String agent = agent(pod);
        Path directory = settings.agentsDirectory().resolve(pod.getMetadata().getNamespace()).resolve(agent)
                .resolve(pod.getMetadata().getName());
        int port = freePort();
        Map<String, String> overrides = new LinkedHashMap<>(settings.environment());
        overrides.put("SERVER_PORT", Integer.toString(port));
        overrides.put("SERVER_HOST", ProcessPodStatus.LOOPBACK);
        overrides.put("LAUNCHPAD_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        Duration grace = Duration.ofSeconds(pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                : pod.getSpec().getTerminationGracePeriodSeconds());
        Map<String, AgentProcess> containers = new LinkedHashMap<>();
        try {
            Files.createDirectories(directory);
            for (Container c : pod.getSpec().getContainers()) {
                ContainerMapping.Launch launch = ContainerMapping.launch(pod, c, settings.agentImage(), directory,
                        (ns, name) -> client.configMaps().inNamespace(ns).withName(name).get(),
                        (ns, name) -> client.secrets().inNamespace(ns).withName(name).get(), overrides);
                prepare(launch);
                containers.put(c.getName(), new AgentProcess(key, c, launch, directory, port, settings.timeScale(),
                        grace));
            }
        } catch (IllegalStateException e) {
            // as a kubelet: the pod waits in CreateContainerConfigError and is tried again (next tick)
            if (!e.getMessage().equals(configErrors.put(key, e.getMessage()))) {
                LOG.log(System.Logger.Level.INFO, "agent runtime: pod " + key + ": " + e.getMessage());
            }
            return;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + directory + ": " + e.getMessage(), e);
        }
        configErrors.remove(key);
        pods.put(key, new Running(pod.getMetadata().getNamespace(), agent, directory, port, containers));
        containers.values().forEach(AgentProcess::start);
        LOG.log(System.Logger.Level.INFO, "agent runtime: started pod " + key + " on 127.0.0.1:" + port);
    }

    /** The status the kubelet writes for a pod this runtime runs; empty for one it does not run. */
    Optional<PodStatus> status(Pod pod, Instant now) {
        Running running = pods.get(key(pod));
        if (running == null) {
            String error = configErrors.get(key(pod));
            return error == null ? Optional.empty() : Optional.of(ProcessPodStatus.configError(pod, error, now));
        }
        Map<String, AgentProcess.View> views = new HashMap<>();
        running.containers().forEach((name, process) -> views.put(name, process.view()));
        return Optional.of(ProcessPodStatus.of(pod, views, now));
    }

    /**
     * Stops the pods not in {@code keep} ({@code namespace/name}) and, once their processes are gone, removes their
     * directories, and the directories of agents not in {@code agents} ({@code namespace/agent}).
     */
    void retain(Set<String> keep, Set<String> agents) {
        configErrors.keySet().retainAll(keep);
        for (var e : pods.entrySet()) {
            if (!keep.contains(e.getKey()) && pods.remove(e.getKey(), e.getValue())) {
                LOG.log(System.Logger.Level.INFO, "agent runtime: stopping pod " + e.getKey());
                e.getValue().containers().values().forEach(p -> p.terminate(p.grace()));
                stopping.put(e.getKey(), e.getValue());
            }
        }
        stopping.entrySet().removeIf(e -> {
            if (!e.getValue().containers().values().stream().allMatch(AgentProcess::finished)) {
                return false;
            }
            delete(e.getValue().directory());
            return true;
        });
        try (Stream<Path> namespaces = list(settings.agentsDirectory())) {
            namespaces.filter(Files::isDirectory).forEach(ns -> {
                try (Stream<Path> dirs = list(ns)) {
                    dirs.filter(Files::isDirectory).filter(dir -> !agents.contains(ns.getFileName() + "/"
                            + dir.getFileName()) && noProcessIn(dir)).forEach(ProcessRuntime::delete);
                }
            });
        }
    }

    /** The loopback port of the pod's process, when this runtime runs it. */
    Optional<Integer> port(String namespace, String pod) {
        return Optional.ofNullable(pods.get(namespace + "/" + pod)).map(Running::port);
    }

    /** The container's process of the pod, when this runtime runs it. */
    Optional<AgentProcess> container(String namespace, String pod, String container) {
        return Optional.ofNullable(pods.get(namespace + "/" + pod)).map(r -> r.containers().get(container));
    }

    boolean runs(Pod pod) {
        return pods.containsKey(key(pod));
    }

    /**
     * What metrics-server would report of a pod this runtime runs: each running container's resident memory and
     * CPU rate, as last read from {@code /proc}; empty when no container of it runs.
     */
    Optional<PodMetrics> metrics(Pod pod, Instant now) {
        Running running = pods.get(key(pod));
        if (running == null) {
            return Optional.empty();
        }
        List<ContainerMetrics> containers = new java.util.ArrayList<>();
        running.containers().forEach((name, process) -> {
            if (process.handle() != null) {
                ProcessMetrics m = process.metrics();
                containers.add(new ContainerMetricsBuilder().withName(name).withUsage(Map.of(
                        "cpu", new Quantity(m.nanocores() + "n"),
                        "memory", new Quantity(m.residentBytes() / 1024 + "Ki"))).build());
            }
        });
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PodMetricsBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(pod.getMetadata().getName())
                        .withNamespace(pod.getMetadata().getNamespace()).withLabels(pod.getMetadata().getLabels())
                        .withCreationTimestamp(PodStatuses.time(now)).build())
                .withTimestamp(PodStatuses.time(now)).withWindow(
                        new io.fabric8.kubernetes.api.model.Duration(Duration.ofSeconds(1)))
                .withContainers(containers).build());
    }

    /** Every process stopped: SIGTERM, SIGKILL after a few seconds; their pid files removed. */
    @Override
    public void close() {
        stepper.shutdownNow();
        pods.forEach((k, r) -> stopping.put(k, r));
        pods.clear();
        stopping.values().forEach(r -> r.containers().values().forEach(p -> p.terminate(CLOSE_GRACE)));
        long deadline = System.nanoTime() + CLOSE_GRACE.plusSeconds(2).toNanos();
        while (System.nanoTime() < deadline && !stopping.values().stream()
                .allMatch(r -> r.containers().values().stream().allMatch(AgentProcess::finished))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping.values().forEach(r -> {
            try {
                Files.deleteIfExists(r.directory().resolve("pid"));
            } catch (IOException ignored) {
                // a stale pid file is checked against the process's start time before anything is killed
            }
        });
        stopping.clear();
    }

    private void stepAll() {
        try {
            pods.values().forEach(r -> r.containers().values().forEach(AgentProcess::step));
            stopping.values().forEach(r -> r.containers().values().forEach(AgentProcess::step));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "agent runtime: a step failed", e);
        }
    }

    private boolean noProcessIn(Path agentDirectory) {
        return Stream.concat(pods.values().stream(), stopping.values().stream())
                .noneMatch(r -> r.directory().startsWith(agentDirectory));
    }

    private static void prepare(ContainerMapping.Launch launch) throws IOException {
        for (Path dir : launch.emptyDirectories()) {
            Files.createDirectories(dir);
        }
        for (var volume : launch.configFiles().entrySet()) {
            Files.createDirectories(volume.getKey());
            for (var file : volume.getValue().entrySet()) {
                Files.writeString(volume.getKey().resolve(file.getKey()), file.getValue());
            }
        }
    }

    static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String agent(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
                : pod.getMetadata().getAnnotations();
        return labels.getOrDefault("agent-id", annotations.getOrDefault(SimulatedKubelet.DEPLOYMENT,
                pod.getMetadata().getName()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "agent runtime: cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
