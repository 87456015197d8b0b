package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated cluster with pods run as real processes: a stand-in for the agent image's start script
 * ({@code stand-in-image/stand-in-agent.mjs}, Node) run from a Deployment as the deployer writes it, its
 * readiness from its probes, its logs and memory the process's own, crashes and memory limits as a kubelet
 * handles them, scale and delete stopping processes, and the service proxy reaching it.
 */
// Over ~300 lines on purpose: its tests share one cluster of real Node processes, started once (a split starts two).
class ProcessRuntimeTest {

    /** A kubelet's timing divided by 20: 10 s probe periods are 0.5 s, the back-off 0.5 s, 1 s, 2 s, ... */
    static final double SCALE = 0.05;

    @TempDir
    static Path dir;

    static SimulatedCluster cluster;
    static KubernetesClient kube;
    static Path agents;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path image = Path.of(ProcessRuntimeTest.class.getResource("/stand-in-image/stand-in-agent.mjs").toURI())
                .getParent();
        agents = dir.resolve("agents");
        cluster = SimulatedCluster.start(dir.resolve("kubeconfig"), Duration.ofMillis(200),
                new ProcessRuntimeSettings(image, agents, Map.of("LAUNCHPAD_EXTRA", "from-the-platform"), SCALE));
        // through the kubeconfig, as the platform and kubectl reach it
        kube = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build();
    }

    @AfterAll
    static void stop() {
        kube.close();
        cluster.close();
    }

    @Test
    void probesDriveReadiness_theLogIsTheProcessOutput_andMetricsItsResidentMemory() throws Exception {
        String ns = Agents.namespace(kube);
        deploy(ns, "agent-a", 1, "1Gi", Map.of("STAND_IN_READY_MS", "1500"));

        Pod starting = awaitPod(ns, "agent-a", p -> running(p) && !SimulatedKubelet.ready(p));
        assertThat(SimulatedKubelet.ready(starting)).isFalse();
        Agents.awaitReady(kube, ns, "agent-a", 1);
        Pod pod = Agents.pods(kube, ns, "agent-a").get(0);

        String log = kube.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog();
        assertThat(log).contains("stand-in agent starting, character {\"name\":\"A\"}").contains("a line on stderr")
                .contains("listening on 127.0.0.1:");
        Path podDir = agents.resolve(ns).resolve("agent-a").resolve(pod.getMetadata().getName());
        assertThat(log).contains("data dir " + podDir.resolve("data").resolve("pglite"));
        String stamped = kube.pods().inNamespace(ns).withName(pod.getMetadata().getName()).usingTimestamps()
                .tailingLines(1).getLog();
        assertThat(stamped.strip()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z .+");

        assertThat(get(ns, "agent-a", "/env?name=AGENT_TOKEN").body()).isEqualTo("sealed-in-the-secret");
        assertThat(get(ns, "agent-a", "/env?name=LAUNCHPAD_EXTRA").body()).isEqualTo("from-the-platform");
        assertThat(get(ns, "agent-a", "/env?name=LAUNCHPAD_PARENT_PID").body())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(get(ns, "agent-a", "/env?name=SERVER_HOST").body()).isEqualTo("127.0.0.1");
        assertThat(get(ns, "agent-a", "/env?name=SERVER_PORT").body()).isNotEqualTo("3000").matches("\\d+");
        assertThat(get(ns, "agent-a", "/env?name=HOME").body()).isEqualTo(podDir.resolve("data/home").toString());
        String hostOnly = System.getenv().keySet().stream().filter(k -> !List.of("PATH", "HOME", "TMPDIR")
                .contains(k) && !k.startsWith("SERVER_") && !k.startsWith("LAUNCHPAD_")).findFirst().orElseThrow();
        assertThat(get(ns, "agent-a", "/env?name=" + hostOnly).body()).as(hostOnly + " is the host's").isEmpty();

        Agents.await("metrics", () -> metrics(ns, pod) != null && memory(metrics(ns, pod)) > 0);
        long rss = memory(metrics(ns, pod));
        assertThat(rss).isBetween(20L * 1024 * 1024, 500L * 1024 * 1024);
        assertThat(Files.readString(podDir.resolve("pid")).split(" ")[0]).matches("\\d+");
    }

    @Test
    void aCrashIsARestartWithItsExitCode_thenCrashLoopBackOff() {
        String ns = Agents.namespace(kube);
        deploy(ns, "agent-c", 1, "1Gi", Map.of("STAND_IN_EXIT_CODE", "3"));

        Pod pod = awaitPod(ns, "agent-c", p -> container(p) != null && container(p).getRestartCount() >= 2
                && waiting(p, "CrashLoopBackOff"));
        ContainerStatus c = container(pod);
        assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(c.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(c.getLastState().getTerminated().getMessage()).as("the log tail, as FallbackToLogsOnError asks")
                .contains("stand-in agent starting");
        assertThat(c.getState().getWaiting().getMessage()).startsWith("back-off ").contains("container=agent");
        assertThat(kube.pods().inNamespace(ns).withName(pod.getMetadata().getName()).terminated().getLog())
                .contains("stand-in agent starting");
        assertThat(kube.apps().deployments().inNamespace(ns).withName("agent-c").get().getStatus()
                .getReadyReplicas()).isIn(null, 0);
    }

    @Test
    void aMissingSecretIsCreateContainerConfigError_untilItExists() {
        String ns = Agents.namespace(kube);
        deployWithoutSecret(ns, "agent-n", 1, "1Gi", Map.of());

        Pod pod = awaitPod(ns, "agent-n", p -> waiting(p, "CreateContainerConfigError"));
        assertThat(container(pod).getState().getWaiting().getMessage())
                .isEqualTo("secret \"agent-n-credentials\" not found");
        assertThat(processes(ns, "agent-n")).isEmpty();

        secret(ns, "agent-n");
        Agents.awaitReady(kube, ns, "agent-n", 1);
        assertThat(processes(ns, "agent-n")).hasSize(1);
    }

    @Test
    void residentMemoryOverTheLimitIsOomKilled() throws Exception {
        String ns = Agents.namespace(kube);
        deploy(ns, "agent-m", 1, "150Mi", Map.of());
        Agents.awaitReady(kube, ns, "agent-m", 1);

        try {
            get(ns, "agent-m", "/allocate?mb=200");
        } catch (IOException killedWhileAnswering) {
            // the kill may come before the answer
        }

        Pod pod = awaitPod(ns, "agent-m", p -> container(p) != null && container(p).getLastState() != null
                && container(p).getLastState().getTerminated() != null);
        assertThat(container(pod).getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(container(pod).getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(container(pod).getRestartCount()).isEqualTo(1);
    }

    @Test
    void scaleStartsAndStopsProcesses_deleteLeavesNoProcessAndNoDirectory() {
        String ns = Agents.namespace(kube);
        deploy(ns, "agent-s", 2, "1Gi", Map.of());
        Agents.awaitReady(kube, ns, "agent-s", 2);
        assertThat(processes(ns, "agent-s")).hasSize(2);

        kube.apps().deployments().inNamespace(ns).withName("agent-s").scale(1);
        Agents.await("one process", () -> processes(ns, "agent-s").size() == 1
                && Agents.pods(kube, ns, "agent-s").size() == 1);
        ProcessHandle kept = processes(ns, "agent-s").get(0);

        kube.apps().deployments().inNamespace(ns).withName("agent-s").delete();
        Agents.await("no process, no directory", () -> !kept.isAlive()
                && !Files.exists(agents.resolve(ns).resolve("agent-s")));
    }

    @Test
    void theServiceProxyForwardsToAReadyPod_and503sWithoutOne() throws Exception {
        String ns = Agents.namespace(kube);
        deploy(ns, "agent-p", 1, "1Gi", Map.of());
        service(ns, "nobody");
        Agents.awaitReady(kube, ns, "agent-p", 1);

        String base = cluster.url() + "/api/v1/namespaces/" + ns + "/services/";
        HttpResponse<String> echoed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "agent-p:http/proxy/api/x?a=1&b=2"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-API-KEY", "k").POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).contains("\"method\":\"POST\"", "\"path\":\"/api/x\"", "\"query\":\"?a=1&b=2\"",
                "\"contentType\":\"application/json\"", "\"apiKey\":\"k\"", "\"body\":\"{\\\"q\\\":1}\"");
        HttpResponse<String> teapot = HTTP.send(HttpRequest.newBuilder(URI.create(base + "agent-p/proxy/teapot"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(teapot.statusCode()).isEqualTo(418);

        var slow = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "agent-p:http/proxy/slow?ms=3000")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        long before = System.nanoTime();
        assertThat(kube.namespaces().withName(ns).get()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the API server answers beside a slow proxy call")
                .isLessThan(Duration.ofMillis(1500));
        assertThat(slow.isDone()).isFalse();
        assertThat(slow.get().body()).isEqualTo("slow");

        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(base + "nobody:http/proxy/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.body()).contains("\"kind\":\"Status\"")
                .contains("no endpoints available for service \\\"nobody\\\"");
    }

    @Test
    void processesLeftByADeadPlatformAreKilledAtStart() throws Exception {
        Path home = dir.resolve("leftovers");
        Path podDir = Files.createDirectories(home.resolve("ns/agent-x/agent-x-abc-12345"));
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(podDir.resolve("pid"), orphan.pid() + " "
                    + orphan.info().startInstant().orElseThrow().toEpochMilli());
            new ProcessRuntime(new ProcessRuntimeSettings(dir, home, Map.of(), SCALE)).close();
            Agents.await("orphan killed", () -> !orphan.isAlive());
            assertThat(home.resolve("ns")).doesNotExist();
        } finally {
            orphan.destroyForcibly();
        }
    }

    // --- helpers

    private static void deploy(String ns, String name, int replicas, String memory, Map<String, String> env) {
        secret(ns, name);
        deployWithoutSecret(ns, name, replicas, memory, env);
    }

    private static void secret(String ns, String name) {
        kube.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name + "-credentials")
                .endMetadata().withStringData(Map.of("AGENT_TOKEN", "sealed-in-the-secret")).build()).create();
    }

    private static void deployWithoutSecret(String ns, String name, int replicas, String memory,
                                            Map<String, String> env) {
        kube.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name + "-character")
                .endMetadata().withData(Map.of("character.json", "{\"name\":\"A\"}")).build()).create();
        Map<String, String> labels = Map.of("agent-id", name);
        Map<String, Quantity> amounts = Map.of("cpu", new Quantity("500m"), "memory", new Quantity(memory));
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(5L).addNewContainer().withName("agent")
                .withImage("agent:test").withTerminationMessagePolicy("FallbackToLogsOnError")
                .withCommand("node", "/app/stand-in-agent.mjs", "/etc/elizaos/character.json")
                .addNewPort().withName("http").withContainerPort(3000).endPort()
                .addNewEnv().withName("SERVER_PORT").withValue("3000").endEnv()
                .addNewEnv().withName("PGLITE_DATA_DIR").withValue("/data/pglite").endEnv()
                .addNewEnv().withName("HOME").withValue("/data/home").endEnv()
                .addAllToEnv(env.entrySet().stream().map(e -> new io.fabric8.kubernetes.api.model.EnvVar(e.getKey(),
                        e.getValue(), null)).toList())
                .addNewEnvFrom().withNewSecretRef().withName(name + "-credentials").endSecretRef().endEnvFrom()
                .withNewResources().withRequests(amounts).withLimits(amounts).endResources()
                .withStartupProbe(probe("/healthz", 60)).withLivenessProbe(probe("/healthz", 3))
                .withReadinessProbe(probe("/health", 3))
                .addNewVolumeMount().withName("character").withMountPath("/etc/elizaos").endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("character").withNewConfigMap().withName(name + "-character").endConfigMap()
                .endVolume()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build();
        kube.resource(d).create();
        service(ns, name);
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(10).withTimeoutSeconds(3).withFailureThreshold(failureThreshold).build();
    }

    private static void service(String ns, String name) {
        kube.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(Map.of("agent-id", name)).addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString("http")).endPort().endSpec().build()).create();
    }

    private static HttpResponse<String> get(String ns, String service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/namespaces/" + ns
                + "/services/" + service + ":http/proxy" + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Pod awaitPod(String ns, String agent, java.util.function.Predicate<Pod> condition) {
        Pod[] found = new Pod[1];
        Agents.await(agent + " pod", () -> {
            List<Pod> pods = Agents.pods(kube, ns, agent);
            found[0] = pods.stream().filter(condition).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static ContainerStatus container(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty() ? null
                : pod.getStatus().getContainerStatuses().get(0);
    }

    private static boolean running(Pod pod) {
        return container(pod) != null && container(pod).getState().getRunning() != null;
    }

    private static boolean waiting(Pod pod, String reason) {
        return container(pod) != null && container(pod).getState().getWaiting() != null
                && reason.equals(container(pod).getState().getWaiting().getReason());
    }

    private static PodMetrics metrics(String ns, Pod pod) {
        try {
            return kube.top().pods().metrics(ns, pod.getMetadata().getName());
        } catch (io.fabric8.kubernetes.client.KubernetesClientException notYet) {
            return null;
        }
    }

    private static long memory(PodMetrics m) {
        return m.getContainers().get(0).getUsage().get("memory").getNumericalAmount().longValue();
    }

    /** The live processes whose pid files are under the agent's directory. */
    private static List<ProcessHandle> processes(String ns, String agent) {
        Path agentDir = agents.resolve(ns).resolve(agent);
        if (!Files.isDirectory(agentDir)) {
            return List.of();
        }
        try (var walk = Files.walk(agentDir)) {
            return walk.filter(p -> p.getFileName().toString().equals("pid")).map(p -> {
                try {
                    return ProcessHandle.of(Long.parseLong(Files.readString(p).trim().split(" ")[0])).orElse(null);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }).filter(Objects::nonNull).filter(ProcessHandle::isAlive).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
