package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl --kubeconfig <the simulated cluster's kubeconfig>} reads what a client wrote there: the commands the
 * README shows. Skipped, saying why, where kubectl is not installed.
 */
class KubectlTest {

    static final Path KUBECTL = Path.of(Objects.requireNonNullElse(System.getenv("KUBECTL"), "/usr/bin/kubectl"));
    static final String NS = "agents-kubectl";

    @TempDir
    static Path dir;

    static SimulatedCluster cluster;
    static KubernetesClient kube;
    static String pod;

    @BeforeAll
    static void deployAnAgent() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at " + KUBECTL
                + " (set KUBECTL to its path): the kubectl tests are skipped");
        cluster = SimulatedCluster.start(dir.resolve(".launchpad/kubeconfig"), Duration.ofMillis(200));
        kube = cluster.client();
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        Map<String, String> labels = Map.of("agent-id", "agent-k", "app.kubernetes.io/managed-by", "agent-launchpad");
        Map<String, Quantity> amounts = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"));
        kube.resource(new DeploymentBuilder().withNewMetadata().withName("agent-k").withNamespace(NS)
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("agent-id", "agent-k"))
                .endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("elizaos-agent:1.4.4")
                .withNewResources().withRequests(amounts).withLimits(amounts).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        Agents.awaitReady(kube, NS, "agent-k", 1);
        pod = Agents.pods(kube, NS, "agent-k").get(0).getMetadata().getName();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void getDeployAllNamespacesNamesTheDeployment() {
        assertThat(kubectl("get", "deploy", "-A", "-o", "name")).contains("deployment.apps/agent-k");
    }

    @Test
    void getDeployAllNamespacesPrintsTheServerTable() {
        List<String> lines = kubectl("get", "deploy", "-A");
        assertThat(lines.get(0).split("\\s+")).containsExactly("NAMESPACE", "NAME", "READY", "UP-TO-DATE",
                "AVAILABLE", "AGE");
        assertThat(lines).anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(NS, "agent-k", "1/1", "1",
                "1"));
    }

    @Test
    void getPodsNamespacesAndNodesPrintTheirColumns() {
        List<String> pods = kubectl("get", "pods", "-n", NS);
        assertThat(pods.get(0).split("\\s+")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        assertThat(pods).anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(pod, "1/1", "Running", "0"));

        assertThat(kubectl("get", "ns")).anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(NS, "Active"));
        assertThat(kubectl("get", "nodes")).anySatisfy(line -> assertThat(line.split("\\s+"))
                .startsWith(SimulatedCluster.NODE, "Ready"));
    }

    @Test
    void describeShowsTheDeploymentAndItsConditions() {
        String described = String.join("\n", kubectl("describe", "deploy", "agent-k", "-n", NS));
        assertThat(described).contains("Name:").contains("agent-k").contains("elizaos-agent:1.4.4")
                .containsPattern("Replicas:\\s+1 desired \\| 1 updated \\| 1 total \\| 1 available")
                .containsPattern("Available\\s+True");
    }

    @Test
    void logsPrintsThePodsLinesAndTheTail() {
        assertThat(kubectl("logs", pod, "-n", NS)).first().asString().contains("Starting ElizaOS agent server");
        List<String> tail = kubectl("logs", pod, "-n", NS, "--tail=2", "--timestamps");
        assertThat(tail).hasSize(2).allSatisfy(line -> assertThat(line).matches("^\\d{4}-\\d\\d-\\d\\dT\\S+Z .*"));
        assertThat(kubectl("logs", "deploy/agent-k", "-n", NS)).anySatisfy(line ->
                assertThat(line).contains("Character \"agent-k\" loaded"));
    }

    @Test
    void rolloutStatusWaitsThroughTheWatchForTheRollout() {
        Agents.deploy(kube, NS, "agent-w", 2, "elizaos-agent:1.4.4");
        assertThat(kubectl("rollout", "status", "deploy/agent-w", "-n", NS, "--timeout=60s"))
                .last().asString().contains("successfully rolled out");
        assertThat(Agents.pods(kube, NS, "agent-w")).hasSize(2).allMatch(SimulatedKubelet::ready);
    }

    @Test
    void annotateAndScaleDriveTheKubelet() {
        Agents.deploy(kube, NS, "agent-s", 1, "elizaos-agent:1.4.4");
        Agents.awaitReady(kube, NS, "agent-s", 1);

        kubectl("annotate", "deploy", "agent-s", "-n", NS, "launchpad.local/simulate=CrashLoopBackOff");
        Agents.awaitFailure(kube, NS, "agent-s", SimulatedKubelet.Outcome.CRASH_LOOP_BACK_OFF);
        assertThat(kubectl("get", "pods", "-n", NS, "-l", "agent-id=agent-s")).anySatisfy(line ->
                assertThat(line.split("\\s+")).contains("0/1", "CrashLoopBackOff"));

        kubectl("annotate", "deploy", "agent-s", "-n", NS, "launchpad.local/simulate-");
        kubectl("scale", "deploy", "agent-s", "-n", NS, "--replicas=2");
        Agents.awaitReady(kube, NS, "agent-s", 2);
    }

    @Test
    void topReadsTheMetricsApi() {
        assertThat(kubectl("top", "pods", "-n", NS)).anySatisfy(line -> assertThat(line).startsWith(pod));
        assertThat(kubectl("top", "nodes")).anySatisfy(line -> assertThat(line).startsWith(SimulatedCluster.NODE));
    }

    /** Runs kubectl against the simulated cluster; its output lines, or a failure with its error output. */
    static List<String> kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
                cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        try {
            Path errors = Files.createTempFile(dir, "kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited " + process.exitValue() + ": "
                        + Files.readString(errors) + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
