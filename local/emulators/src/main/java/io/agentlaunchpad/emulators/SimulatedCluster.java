package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster for a machine without one: fabric8's mock API server in CRUD mode on loopback, with a kubeconfig
 * written for it so that the platform's client and {@code kubectl} reach the same objects, and a simulated kubelet
 * that gives Deployments pods.
 *
 * <p>What it simulates: the API server's store (CRUD, watches), discovery and Tables for {@code kubectl}, one Ready
 * node ({@value #NODE}), pods for every Deployment ({@code spec.replicas} of them, replaced when the template
 * changes, Pending then Ready {@code readyDelay} later, removed on scale to 0 or when the Deployment is deleted),
 * the Deployment's status as its controller writes it, pod logs and pod and node metrics ({@code metrics.k8s.io}).
 *
 * <p>Failure states on demand ({@link Outcome}), the first that names the Deployment winning: the annotation
 * {@code launchpad.local/simulate=<outcome>} on the Deployment (e.g.
 * {@code kubectl annotate deploy <agentId> -n <ns> launchpad.local/simulate=CrashLoopBackOff}; it lasts until the
 * deployer or the reconciler next replaces the Deployment), {@link #simulate(String, Outcome)}, then the file
 * {@link #simulationFile()} ({@code <agentId>=<outcome>} lines, re-read when it changes).
 *
 * <p>Errors on demand ({@link #injectErrors}): a fraction of the requests of clients that name themselves
 * ({@link #CLIENT_HEADER}) answered 409, 429 or 500.
 *
 * <p>What it does not: no field ownership in server-side apply (see {@link ServerSideApply}), no admission (quota, limit
 * ranges), no networking (Services get no cluster IP, agent URLs do not resolve), no containers (logs and metrics
 * are generated), no events, no streaming {@code follow} of logs (a follow answers what is there).
 */
public final class SimulatedCluster implements AutoCloseable {

    /** The one node of the simulated cluster. */
    public static final String NODE = "launchpad-node";
    /**
     * The header by which a client names itself; only the requests of clients that send it can get the errors of
     * {@link #injectErrors} (the local platform's client sends {@code X-Launchpad-Client: platform}).
     */
    public static final String CLIENT_HEADER = "X-Launchpad-Client";
    /** How often the simulated kubelet looks for Deployments changed or due (it lists everything far less often). */
    static final Duration TICK = Duration.ofMillis(200);

    /** Held so that the per-request INFO lines of the mock server stay off (JUL keeps loggers weakly). */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final KubernetesMockServer server;
    private final SimulatedApiServer api;
    private final KubernetesClient client;
    /** The simulated kubelet's own client: its writes do not wake it ({@link ChangeFeed}). */
    private final KubernetesClient kubeletClient;
    private final Path kubeconfig;
    private final Duration readyDelay;
    private final Simulations simulations;
    private final InjectedErrors errors;
    private final ScheduledExecutorService kubeletThread;
    private final ProcessRuntime runtime;
    /** The listener the kubeconfig names when pods run as processes (null: the mock server's own). */
    private final ApiServerFront front;

    private SimulatedCluster(KubernetesMockServer server, SimulatedApiServer api, InjectedErrors errors,
                             Path kubeconfig, Duration readyDelay, ProcessRuntime runtime, ApiServerFront front) {
        this.server = server;
        this.api = api;
        this.runtime = runtime;
        this.front = front;
        this.errors = errors;
        this.client = server.createClient();
        this.kubeletClient = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withCustomHeaders(Map.of(ChangeFeed.KUBELET_HEADER, "true")).build()).build();
        this.kubeconfig = kubeconfig;
        this.readyDelay = readyDelay;
        Path dir = kubeconfig.toAbsolutePath().getParent();
        this.simulations = new Simulations(dir.resolve("simulate.properties"));
        this.kubeletThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-kubelet");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the API server on a free loopback port, writes its kubeconfig to {@code kubeconfig} and starts the
     * simulated kubelet.
     *
     * @param readyDelay how long after a rollout the simulated kubelet reports the pods Ready
     */
    public static SimulatedCluster start(Path kubeconfig, Duration readyDelay) throws IOException {
        return start(kubeconfig, readyDelay, null);
    }

    /**
     * As {@link #start(Path, Duration)}, the pods of healthy Deployments run as real processes by a
     * {@link ProcessRuntime} with these settings (null: every pod simulated): their readiness from their probes,
     * their logs and metrics from the processes, and the service proxy reaching them. A failure outcome asked for
     * ({@link #simulate}, the annotation, the file) is still simulated. {@code readyDelay} is then only the
     * simulated pods'.
     */
    public static SimulatedCluster start(Path kubeconfig, Duration readyDelay, ProcessRuntimeSettings processes)
            throws IOException {
        if (readyDelay == null || readyDelay.isNegative()) {
            throw new IllegalArgumentException("readyDelay must be zero or more, was " + readyDelay);
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        ProcessRuntime runtime = processes == null ? null : new ProcessRuntime(processes);
        String[] address = new String[1];
        InjectedErrors errors = new InjectedErrors();
        ChangeFeed changes = new ChangeFeed();
        SimulatedApiServer api = new SimulatedApiServer(new IndexedStore(), () -> address[0],
                errors, runtime, changes);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                api, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        ApiServerFront front = runtime == null ? null : ApiServerFront.start(api, api.proxy());
        int port = front == null ? server.getPort() : front.port();
        address[0] = InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
        SimulatedCluster cluster = new SimulatedCluster(server, api, errors, kubeconfig, readyDelay, runtime, front);
        try {
            Kubeconfig.write(kubeconfig, cluster.url());
            NewCluster.populate(cluster.client, NODE);
            cluster.kubeletThread.scheduleWithFixedDelay(new KubeletLoop(cluster.kubeletClient,
                            new SimulatedKubelet(cluster.kubeletClient, NODE, 1), cluster.simulations, readyDelay,
                            cluster::forgetRequests, runtime, changes),
                    0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** CPU time the API server spent answering requests so far (its own cost, apart from its clients'). */
    public Duration apiServerCpu() {
        return Duration.ofNanos(api.cpuNanos());
    }

    /** Whether pods run as real processes ({@code real}) or are simulated ({@code simulated}). */
    public String runtimeMode() {
        return runtime == null ? "simulated" : "real";
    }

    /** The API server's URL. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + (front == null ? server.getPort() : front.port());
    }

    /** A client of the simulated API server (the platform builds its own from {@link #kubeconfig()}). */
    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** How long the simulated kubelet keeps a new pod Pending before it settles into its outcome. */
    public Duration readyDelay() {
        return readyDelay;
    }

    /**
     * From now on the pods of the Deployment {@code agentId} (in any namespace; {@code namespace/agentId} for one)
     * end up {@code outcome}: its pods are replaced by pods in that state within a tick or two, and its status
     * follows. Lasts across the deployer's re-applies; a {@code launchpad.local/simulate} annotation on the
     * Deployment still wins. {@link Outcome#READY} makes the agent healthy again whatever the simulation file says.
     */
    public void simulate(String agentId, Outcome outcome) {
        simulations.set(agentId, java.util.Objects.requireNonNull(outcome, "outcome"));
    }

    /** Forgets {@link #simulate(String, Outcome)} for {@code agentId}: the annotation or file decide again. */
    public void clearSimulation(String agentId) {
        simulations.clear(agentId);
    }

    /**
     * The simulation file, beside the kubeconfig ({@code simulate.properties}): lines {@code <agentId>=<outcome>}
     * or {@code <namespace>/<agentId>=<outcome>}, re-read whenever it changes; it need not exist.
     */
    public Path simulationFile() {
        return simulations.file();
    }

    /**
     * From now on the API server answers {@code fraction} of the requests of clients that send {@link #CLIENT_HEADER}
     * with one of {@code statuses} (409, 429, 500), as a real one answers them: a {@code Status} body, 429 with
     * {@code Retry-After: 1}, 409 only to writes (AlreadyExists to a create, Conflict to the others). Watches are
     * spared. {@code injectErrors(0, Set.of())} stops it.
     */
    public void injectErrors(double fraction, java.util.Set<Integer> statuses) {
        errors.set(fraction, statuses);
    }

    /** How many requests got each status of {@link #injectErrors} so far (every one of 409, 429, 500 listed). */
    public Map<Integer, Long> injectedErrors() {
        return errors.counts();
    }

    /** The mock server records every request for tests to take; nobody takes them here, so they are dropped. */
    private void forgetRequests() {
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // dropped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kubeletThread.shutdownNow();
        try {
            if (!kubeletThread.awaitTermination(5, TimeUnit.SECONDS)) {
                System.getLogger(SimulatedCluster.class.getName()).log(System.Logger.Level.WARNING,
                        "the simulated kubelet did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runtime != null) {
            runtime.close();
        }
        kubeletClient.close();
        client.close();
        if (front != null) {
            front.close();
        }
        server.destroy();
    }
}
