package io.agentlaunchpad.cluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.ClusterReadException;
import io.agentlaunchpad.cluster.ClusterReads;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.Call;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.allows;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.clusterRole;
import static io.agentlaunchpad.cluster.kubernetes.RbacFiles.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KubernetesClusterReads} against the simulated API server with one agent deployed: what each read answers,
 * that a refused read is a {@link ClusterReadException} with the server's status, and that every request it sends
 * is allowed by infra-cdk/k8s/reader-rbac.yaml (cluster-wide, or inside the owner namespace where the deployer binds
 * the namespaced reader role).
 */
class KubernetesClusterReadsTest {

    static final String OWNER = "user-reads";
    static final String AGENT = "agent-reads0000001";

    @TempDir
    static Path home;
    static SimulatedCluster simulated;
    static KubernetesClient client;
    static ClusterReads reads;
    static String namespace;
    static final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void deployOneAgent() throws Exception {
        ClusterConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                .withConverter(Duration.class, 100, new DurationConverter()).withMapping(ClusterConfig.class).build()
                .getConfigMapping(ClusterConfig.class);
        namespace = AgentNames.namespace(config.namespacePrefix(), OWNER);
        simulated = SimulatedCluster.start(home.resolve("kubeconfig"), Duration.ZERO);
        KubernetesCluster deployer = new KubernetesCluster(simulated.client(), config);
        deployer.applyOwner(namespace, OWNER);
        deployer.applyAgent(ClusterCallsRbacTest.workload(OWNER, namespace, AGENT));

        Config kubeconfig = Config.fromKubeconfig(null, Files.readString(simulated.kubeconfig()),
                simulated.kubeconfig().toString());
        kubeconfig.setCustomHeaders(Map.of(SimulatedCluster.CLIENT_HEADER, "reads-test"));
        kubeconfig.setRequestRetryBackoffLimit(0);
        client = new KubernetesClientBuilder().withConfig(kubeconfig)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rbac", RbacFiles.recorder(calls))).build();
        reads = new KubernetesClusterReads(client);
        // the simulated kubelet starts the agent's pod on its own tick, then metrics-server measures it
        awaitNonEmpty(() -> reads.podUsage(namespace, AGENT));
    }

    @AfterAll
    static void stop() {
        client.close();
        simulated.close();
    }

    @Test
    void nodes_areTheClusterNodes_readyWithTheirAllocatable() {
        assertThat(reads.nodes()).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo(SimulatedCluster.NODE);
            assertThat(node.ready()).isTrue();
            assertThat(node.allocatable().get("cpu")).isPositive();
            assertThat(node.allocatable().get("memory")).isPositive();
        });
    }

    @Test
    void pods_onlyThoseOfTheOwnerNamespaces_withTheirRequestsSummed() {
        assertThat(reads.platformPods()).singleElement().satisfies(pod -> {
            assertThat(pod.name()).startsWith(AGENT + "-");
            assertThat(pod.phase()).isEqualTo("Running");
            assertThat(pod.requests()).containsKeys("cpu", "memory");
        });
        assertThat(reads.ownerNamespacePods()).extracting(ClusterReads.PodRequests::name)
                .containsExactlyElementsOf(reads.platformPods().stream().map(ClusterReads.PodRequests::name).toList());
    }

    @Test
    void deployment_hasItsReplicasAndContainerLimits_andAMissingOneIsEmpty() {
        ClusterReads.DeploymentLimits deployment = reads.deployment(namespace, AGENT).orElseThrow();
        assertThat(deployment.replicas()).isEqualTo(1);
        assertThat(deployment.containerLimits()).singleElement()
                .satisfies(limits -> assertThat(limits.get("memory")).isEqualByComparingTo(
                        BigDecimal.valueOf(512L * 1024 * 1024)));
        assertThat(reads.deployment(namespace, "agent-none")).isEmpty();
    }

    @Test
    void podUsage_isMeasuredPerPod() {
        assertThat(reads.podUsage(namespace, AGENT)).singleElement().satisfies(usage -> {
            assertThat(usage.pod()).startsWith(AGENT + "-");
            assertThat(usage.usage().get("cpu")).isPositive();
            assertThat(usage.usage().get("memory")).isPositive();
        });
    }

    @Test
    void agentPods_andTheirLogs_timestampedAndTailed() {
        ClusterReads.AgentPod pod = reads.agentPods(namespace, AGENT).get(0);
        ClusterReads.AgentContainer container = pod.containers().get(0);
        assertThat(container.previousIsAnotherRun()).as("never restarted").isFalse();

        String log = reads.log(namespace, pod.name(), container.name(), false, null, 2);
        assertThat(log.lines().toList()).hasSizeBetween(1, 2)
                .allSatisfy(line -> assertThat(line).matches("^\\d{4}-\\d{2}-\\d{2}T\\S+Z .*"));
        assertThatThrownBy(() -> reads.log(namespace, pod.name(), container.name(), true, null, 2))
                .as("no previous run").isInstanceOfSatisfying(ClusterReadException.class,
                        e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void aReadTheServerRefuses_isAClusterReadExceptionWithItsStatus() {
        simulated.injectErrors(1.0, Set.of(500));
        try {
            assertThatThrownBy(() -> reads.nodes()).isInstanceOfSatisfying(ClusterReadException.class,
                    e -> assertThat(e.code()).isEqualTo(500));
            assertThatThrownBy(() -> reads.agentPods(namespace, AGENT)).isInstanceOf(ClusterReadException.class);
        } finally {
            simulated.injectErrors(0, Set.of());
        }
    }

    @Test
    void everyReadIsAllowedByTheReaderRbac_namespacedOnesOnlyInsideOwnerNamespaces() throws Exception {
        reads.nodes();
        reads.platformPods();
        reads.ownerNamespacePods();
        reads.deployment(namespace, AGENT);
        reads.podUsage(namespace, AGENT);
        ClusterReads.AgentPod pod = reads.agentPods(namespace, AGENT).get(0);
        reads.log(namespace, pod.name(), pod.containers().get(0).name(), false, null, 5);

        List<JsonNode> yaml = documents("reader-rbac.yaml");
        JsonNode clusterWide = clusterRole(yaml, "agent-launchpad-reader");
        JsonNode namespaced = clusterRole(yaml, OwnerRoleBinding.READER_ROLE);
        assertThat(calls).isNotEmpty();
        for (Call call : List.copyOf(calls)) {
            if (allows(clusterWide, call)) {
                continue;
            }
            assertThat(call.namespace()).as("a namespaced call outside the cluster-wide rights: %s", call)
                    .isEqualTo(namespace);
            assertThat(allows(namespaced, call)).as("%s allowed in an owner namespace", call).isTrue();
        }
    }

    private static <T> void awaitNonEmpty(Supplier<List<T>> read) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (!read.get().isEmpty()) {
                    return;
                }
            } catch (ClusterReadException e) {
                // metrics.k8s.io answers 404 until the pod has been measured
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the simulated cluster never measured the agent's pod");
    }
}
