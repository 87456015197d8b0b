package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated cluster through the fabric8 client, as the platform uses it: Deployments get pods that become
 * Ready, follow scale and template changes and deletion, fail on demand, and have logs and metrics. Each test has
 * its own namespace; waits poll with a generous deadline and assert no timing.
 */
// Over ~300 lines on purpose: every test drives the one cluster the class starts, a kind's behaviours side by side.
class SimulatedClusterTest {

    static final Duration READY_DELAY = Duration.ofMillis(300);

    @TempDir
    static Path dir;

    static SimulatedCluster cluster;
    static KubernetesClient kube;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start(dir.resolve(".launchpad/kubeconfig"), READY_DELAY);
        kube = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void writesAKubeconfigForTheServer() throws IOException {
        assertThat(cluster.kubeconfig()).exists();
        assertThat(Files.readString(cluster.kubeconfig())).contains("server: " + cluster.url())
                .contains("current-context: launchpad-simulated");
        assertThat(cluster.simulationFile()).isEqualTo(cluster.kubeconfig().getParent().resolve("simulate.properties"));
    }

    @Test
    void aDeploymentGetsItsReplicasAsReadyPodsAndAStatusAsItsControllerWritesIt() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-a", 2, "elizaos-agent:1.4.4");

        Deployment d = Agents.awaitReady(kube, ns, "agent-a", 2);

        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getConditions()).extracting(DeploymentCondition::getType,
                        DeploymentCondition::getStatus, DeploymentCondition::getReason)
                .contains(org.assertj.core.groups.Tuple.tuple("Available", "True", "MinimumReplicasAvailable"),
                        org.assertj.core.groups.Tuple.tuple("Progressing", "True", "NewReplicaSetAvailable"));
        List<Pod> pods = Agents.pods(kube, ns, "agent-a");
        assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).startsWith("agent-a-");
            assertThat(p.getMetadata().getLabels()).containsEntry("agent-id", "agent-a")
                    .containsKey(SimulatedKubelet.TEMPLATE_HASH);
            assertThat(p.getSpec().getNodeName()).isEqualTo(SimulatedCluster.NODE);
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(SimulatedKubelet.ready(p)).isTrue();
            assertThat(p.getStatus().getStartTime()).isNotNull();
            assertThat(p.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
        });
        assertThat(kube.pods().inAnyNamespace().withField("spec.nodeName", SimulatedCluster.NODE).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsAll(pods.stream().map(p -> p.getMetadata().getName()).toList());
        assertThat(kube.pods().inNamespace(ns).withField("status.phase", "Pending").list().getItems()).isEmpty();
        assertThat(kube.namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void aDeploymentTheKubeletCannotRunDoesNotStopTheOthers() {
        String ns = Agents.namespace(kube);
        kube.resource(new DeploymentBuilder().withNewMetadata().withName("broken").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("agent-id", "broken").endSelector()
                .endSpec().build()).create();

        Agents.deploy(kube, ns, "agent-z", 1, "elizaos-agent:1.4.4");

        Agents.awaitReady(kube, ns, "agent-z", 1);
        assertThat(Agents.pods(kube, ns, "broken")).isEmpty();
    }

    @Test
    void aReplaceOfAnUnchangedDeploymentKeepsItsStatusAsARealServerDoes() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-r", 1, "elizaos-agent:1.4.4");
        Deployment ready = Agents.awaitReady(kube, ns, "agent-r", 1);

        Deployment replaced = Agents.deploy(kube, ns, "agent-r", 1, "elizaos-agent:1.4.4");

        assertThat(replaced.getMetadata().getGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(replaced.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(replaced.getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aNewTemplateReplacesThePodsAndAScaleChangesTheirNumber() {
        String ns = Agents.namespace(kube);
        String firstPod = Agents.deployOneReady(kube, ns, "agent-b");

        Agents.deploy(kube, ns, "agent-b", 1, "elizaos-agent:1.4.5");
        Agents.await("the new template's pod Ready", () -> {
            List<Pod> pods = Agents.pods(kube, ns, "agent-b");
            return pods.size() == 1 && !pods.get(0).getMetadata().getName().equals(firstPod)
                    && SimulatedKubelet.ready(pods.get(0))
                    && pods.get(0).getSpec().getContainers().get(0).getImage().equals("elizaos-agent:1.4.5");
        });
        Agents.awaitReady(kube, ns, "agent-b", 1);

        kube.apps().deployments().inNamespace(ns).withName("agent-b").scale(3);
        Agents.awaitReady(kube, ns, "agent-b", 3);
        assertThat(Agents.pods(kube, ns, "agent-b")).hasSize(3);
    }

    @Test
    void scaleToZeroRemovesThePodsAndDeletionCollectsThem() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-c", 2, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, ns, "agent-c", 2);

        kube.apps().deployments().inNamespace(ns).withName("agent-c").scale(0);
        Agents.await("no pods at 0 replicas", () -> Agents.pods(kube, ns, "agent-c").isEmpty()
                && Agents.status(kube, ns, "agent-c")
                .map(d -> Objects.equals(d.getStatus().getReplicas(), 0)
                        && Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration()))
                .orElse(false));

        kube.apps().deployments().inNamespace(ns).withName("agent-c").scale(1);
        Agents.awaitReady(kube, ns, "agent-c", 1);

        kube.apps().deployments().inNamespace(ns).withName("agent-c").delete();
        Agents.await("the deleted Deployment's pods collected", () -> Agents.pods(kube, ns, "agent-c").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = "READY", mode = EnumSource.Mode.EXCLUDE)
    void theSimulateAnnotationPutsThePodsInThatFailureState(Outcome outcome) {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-d", 1, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, ns, "agent-d", 1);

        kube.apps().deployments().inNamespace(ns).withName("agent-d").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(Simulations.ANNOTATION, outcome.label()));
            return d;
        });

        Agents.awaitFailure(kube, ns, "agent-d", outcome);
    }

    @Test
    void theSimulateApiOutlivesAReplaceOfTheDeploymentAndTheAnnotationWins() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-e", 1, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, ns, "agent-e", 1);

        cluster.simulate("agent-e", Outcome.CRASH_LOOP_BACK_OFF);
        Agents.awaitFailure(kube, ns, "agent-e", Outcome.CRASH_LOOP_BACK_OFF);
        Agents.deploy(kube, ns, "agent-e", 1, "elizaos-agent:1.4.5");
        Agents.awaitFailure(kube, ns, "agent-e", Outcome.CRASH_LOOP_BACK_OFF);
        assertThat(Agents.pods(kube, ns, "agent-e").get(0).getSpec().getContainers().get(0).getImage())
                .isEqualTo("elizaos-agent:1.4.5");

        kube.apps().deployments().inNamespace(ns).withName("agent-e").edit(d -> {
            d.getMetadata().setAnnotations(Map.of(Simulations.ANNOTATION, "ImagePullBackOff"));
            return d;
        });
        Agents.awaitFailure(kube, ns, "agent-e", Outcome.IMAGE_PULL_BACK_OFF);

        kube.apps().deployments().inNamespace(ns).withName("agent-e").edit(d -> {
            d.getMetadata().setAnnotations(Map.of());
            return d;
        });
        Agents.awaitFailure(kube, ns, "agent-e", Outcome.CRASH_LOOP_BACK_OFF);
        cluster.clearSimulation("agent-e");
        Agents.awaitReady(kube, ns, "agent-e", 1);
    }

    @Test
    void theSimulationFileNamesAgentsByIdOrNamespaceAndId() throws IOException {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-f", 1, "elizaos-agent:1.4.4");
        Agents.deploy(kube, ns, "agent-g", 1, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, ns, "agent-f", 1);
        Agents.awaitReady(kube, ns, "agent-g", 1);
        try {
            Files.writeString(cluster.simulationFile(), "# simulated failures\nagent-f=OOMKilled\n"
                    + ns + "/agent-g = unschedulable\nagent-x=NotAnOutcome\n");
            Agents.awaitFailure(kube, ns, "agent-f", Outcome.OOM_KILLED);
            Agents.awaitFailure(kube, ns, "agent-g", Outcome.UNSCHEDULABLE);
        } finally {
            Files.delete(cluster.simulationFile());
        }
        Agents.awaitReady(kube, ns, "agent-f", 1);
        Agents.awaitReady(kube, ns, "agent-g", 1);
    }

    @Test
    void podLogsHaveTimestampsHonourTailAndSinceAndGrow() {
        String ns = Agents.namespace(kube);
        String pod = Agents.deployOneReady(kube, ns, "agent-h");
        var log = kube.pods().inNamespace(ns).withName(pod).inContainer("agent");

        assertThat(log.getLog()).startsWith("Info       Starting ElizaOS agent server (elizaos-agent:1.4.4)")
                .contains("Character \"agent-h\" loaded").contains("listening on port 3000");
        String tail = log.usingTimestamps().tailingLines(2).getLog();
        assertThat(tail.split("\n")).hasSize(2).allSatisfy(line ->
                assertThat(Instant.parse(line.substring(0, line.indexOf(' ')))).isBefore(Instant.now()));
        assertThat(log.usingTimestamps().sinceTime(Instant.now().plusSeconds(60).toString()).tailingLines(10)
                .getLog()).isEmpty();

        int before = log.getLog().split("\n").length;
        Agents.await("a heartbeat line more", () -> log.getLog().split("\n").length > before);
        assertThat(log.getLog()).contains("Heartbeat: agent agent-h healthy");

        assertThatThrownBy(() -> log.terminated().getLog()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(400));
        assertThatThrownBy(() -> kube.pods().inNamespace(ns).withName(pod).inContainer("nope").getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    @Test
    void aCrashLoopingPodHasThePreviousInstancesLogAndAStartingPodNone() {
        String ns = Agents.namespace(kube);
        cluster.simulate(ns + "/agent-i", Outcome.CRASH_LOOP_BACK_OFF);
        Agents.deploy(kube, ns, "agent-i", 1, "elizaos-agent:1.4.4");
        Agents.awaitFailure(kube, ns, "agent-i", Outcome.CRASH_LOOP_BACK_OFF);
        String pod = Agents.pods(kube, ns, "agent-i").get(0).getMetadata().getName();

        // As AgentLogService reads it: with timestamps, the previous instance, since a time, the last lines.
        String previous = kube.pods().inNamespace(ns).withName(pod).inContainer("agent").usingTimestamps()
                .terminated().sinceTime(Instant.now().minusSeconds(600).toString()).tailingLines(101).getLog();
        assertThat(previous).contains("Error      Failed to start agent agent-i").contains("exiting with code 1");
        cluster.clearSimulation(ns + "/agent-i");
    }

    @Test
    void readyPodsHaveMetricsBelowTheirLimitsAndTheNodeHasTheirSum() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-j", 2, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, ns, "agent-j", 2);

        List<PodMetrics> metrics = kube.top().pods().inNamespace(ns).withLabels(Map.of("agent-id", "agent-j"))
                .metrics().getItems();
        assertThat(metrics).hasSize(2).allSatisfy(m -> {
            var usage = m.getContainers().get(0).getUsage();
            assertThat(usage.get("cpu").getNumericalAmount()).isPositive().isLessThan(new BigDecimal("0.5"));
            assertThat(usage.get("memory").getNumericalAmount()).isPositive()
                    .isLessThan(new Quantity("1Gi").getNumericalAmount());
        });
        String pod = metrics.get(0).getMetadata().getName();
        assertThat(kube.top().pods().metrics(ns, pod).getMetadata().getName()).isEqualTo(pod);
        assertThat(kube.top().pods().inNamespace(ns).withLabels(Map.of("agent-id", "nobody")).metrics().getItems())
                .isEmpty();
        var node = kube.top().nodes().metrics(SimulatedCluster.NODE);
        assertThat(node.getUsage().get("cpu").getNumericalAmount()).isPositive();
    }

    @Test
    void theClusterHasAReadyNodeWithAllocatableResources() {
        List<Node> nodes = kube.nodes().list().getItems();
        assertThat(nodes).hasSize(1);
        Node node = nodes.get(0);
        assertThat(node.getMetadata().getName()).isEqualTo(SimulatedCluster.NODE);
        assertThat(node.getStatus().getAllocatable()).containsKeys("cpu", "memory", "ephemeral-storage", "pods");
        assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(kube.namespaces().withName("default").get()).isNotNull();
    }
}
