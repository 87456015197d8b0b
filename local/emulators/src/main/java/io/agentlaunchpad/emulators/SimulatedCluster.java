package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A cluster for a machine without one: fabric8's mock API server in CRUD mode on loopback, with a kubeconfig
 * written for it so that the platform's client and {@code kubectl} reach the same objects.
 */
public final class SimulatedCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private SimulatedCluster(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.client = server.createClient();
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts the API server on a free loopback port and writes its kubeconfig to {@code kubeconfig}.
     *
     * @param readyDelay how long after a rollout the simulated kubelet reports the pods Ready
     */
    public static SimulatedCluster start(Path kubeconfig, Duration readyDelay) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        SimulatedCluster cluster = new SimulatedCluster(server, kubeconfig);
        Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
        Files.writeString(kubeconfig, cluster.kubeconfigYaml());
        return cluster;
    }

    /** The API server's URL. */
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** A client of the simulated API server (the platform builds its own from {@link #kubeconfig()}). */
    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    private String kubeconfigYaml() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: launchpad-simulated
                  cluster:
                    server: %s
                contexts:
                - name: launchpad-simulated
                  context:
                    cluster: launchpad-simulated
                    user: launchpad
                current-context: launchpad-simulated
                users:
                - name: launchpad
                  user:
                    token: simulated
                """.formatted(url());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
