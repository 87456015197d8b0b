package io.agentlaunchpad.emulators;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synchronous kubelet on the bare CRUD mock server the deployer's and api's tests use (no simulated cluster
 * around it): the pod and Deployment status PodDiagnosis and KubernetesCluster.observe read.
 */
class SimulatedKubeletTest {

    /** Held: the mock server logs every request at INFO otherwise (JUL keeps loggers weakly). */
    static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static KubernetesMockServer server;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        kube = server.createClient();
    }

    @AfterAll
    static void stop() {
        kube.close();
        server.destroy();
    }

    @Test
    void readyPodsAndAReadyDeployment() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-1", 2, "elizaos-agent:1.4.4");

        new SimulatedKubelet(kube).rollOut(ns, "agent-1", Outcome.READY);

        Deployment d = kube.apps().deployments().inNamespace(ns).withName("agent-1").get();
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        List<Pod> pods = Agents.pods(kube, ns, "agent-1");
        assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(SimulatedKubelet.ready(p)).isTrue();
            assertThat(p.getStatus().getStartTime()).isNotNull();
        });
    }

    @Test
    void crashLoopingPodsNameTheirRestartsAndLastExit() {
        String ns = Agents.namespace(kube);
        SimulatedKubelet kubelet = rolledOutReady(ns, "agent-2");

        kubelet.rollOut(ns, "agent-2", Outcome.OOM_KILLED);

        List<Pod> pods = Agents.pods(kube, ns, "agent-2");
        assertThat(pods).hasSize(1);
        var status = pods.get(0).getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status.getRestartCount()).isPositive();
        assertThat(kube.apps().deployments().inNamespace(ns).withName("agent-2").get().getStatus().getReadyReplicas())
                .isZero();
    }

    @Test
    void aQuotaRefusalLeavesNoPodsAndAReplicaFailure() {
        String ns = Agents.namespace(kube);
        Agents.deploy(kube, ns, "agent-3", 1, "elizaos-agent:1.4.4");

        new SimulatedKubelet(kube).rollOut(ns, "agent-3", Outcome.QUOTA_EXCEEDED);

        assertThat(Agents.pods(kube, ns, "agent-3")).isEmpty();
        assertThat(kube.apps().deployments().inNamespace(ns).withName("agent-3").get().getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("ReplicaFailure");
                    assertThat(c.getMessage()).contains("exceeded quota");
                });
    }

    @Test
    void garbageCollectionRemovesPodsOfDeletedDeployments() {
        String ns = Agents.namespace(kube);
        SimulatedKubelet kubelet = rolledOutReady(ns, "agent-4");
        kube.apps().deployments().inNamespace(ns).withName("agent-4").delete();

        kubelet.collectGarbage(ns);

        assertThat(Agents.pods(kube, ns, "agent-4")).isEmpty();
    }

    @Test
    void outcomesParseFromTheirKubernetesNamesAndConstants() {
        assertThat(Outcome.parse("CrashLoopBackOff")).contains(Outcome.CRASH_LOOP_BACK_OFF);
        assertThat(Outcome.parse("crash-loop-back-off")).contains(Outcome.CRASH_LOOP_BACK_OFF);
        assertThat(Outcome.parse("OOM_KILLED")).contains(Outcome.OOM_KILLED);
        assertThat(Outcome.parse(" quotaexceeded ")).contains(Outcome.QUOTA_EXCEEDED);
        assertThat(Outcome.parse("Ready")).contains(Outcome.READY);
        assertThat(Outcome.parse("Broken")).isEmpty();
        assertThat(Outcome.parse(null)).isEmpty();
    }

    /** One replica of {@code agent} deployed and rolled out Ready by a new kubelet, which is returned. */
    private static SimulatedKubelet rolledOutReady(String ns, String agent) {
        Agents.deploy(kube, ns, agent, 1, "elizaos-agent:1.4.4");
        SimulatedKubelet kubelet = new SimulatedKubelet(kube);
        kubelet.rollOut(ns, agent, Outcome.READY);
        return kubelet;
    }
}
