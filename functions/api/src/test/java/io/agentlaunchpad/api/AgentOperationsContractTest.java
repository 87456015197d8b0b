package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.agentlaunchpad.api.OpenApiAnswers.assertDocumented;
import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent status, metrics and logs answers, produced by the functions on the emulators and stubs the route tests
 * use, checked against {@code openapi.yaml} (see {@link OpenApiAnswers}).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class AgentOperationsContractTest extends AgentOnClusterFixture {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MonitoringFunctions monitoring;

    @Inject
    MonitoringWithPrometheus prometheusMonitoring;

    @Inject
    AgentStore store;

    // --- agent status --------------------------------------------------------------------------------------------

    ProxyResponse status() {
        return agents.getAgentStatus(Events.api("getAgentStatus").user(owner).agentId(agentId).request());
    }

    @Test
    void getAgentStatus_queuedDeployedAndFailed() {
        assertDocumented("getAgentStatus", status());

        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYING, 0, null, null)).isTrue();
        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYED, 1, null,
                Instant.now().minus(Duration.ofMinutes(135)))).isTrue();
        ProxyResponse deployed = status();
        assertThat(body(deployed).get("health").get("application").has("uptime")).isTrue();
        assertDocumented("getAgentStatus", deployed);

        assertThat(store.recordObserved(agentId, 1, AgentStatus.FAILED, 0, "CrashLoopBackOff", null)).isTrue();
        ProxyResponse failed = status();
        assertThat(body(failed).get("reason").asText()).isEqualTo("CrashLoopBackOff");
        assertDocumented("getAgentStatus", failed);

        assertDocumented("getAgentStatus", agents.getAgentStatus(Events.api("getAgentStatus").user("user-other")
                .agentId(agentId).request()));
        assertDocumented("getAgentStatus", agents.getAgentStatus(Events.api("getAgentStatus").user(owner)
                .agentId("Not_An_Id").request()));
    }

    // --- agent metrics -------------------------------------------------------------------------------------------

    void deployment(String cpuLimit) {
        var container = new ContainerBuilder().withName("agent").withImage("elizaos")
                .withNewResources().addToLimits("memory", new Quantity("1Gi")).endResources().build();
        if (cpuLimit != null) {
            container.getResources().getLimits().put("cpu", new Quantity(cpuLimit));
        }
        kube.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName(agentId).withNamespace(namespace).endMetadata().withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("agent-id", agentId).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("agent-id", agentId).endMetadata().withNewSpec()
                .addToContainers(container).endSpec().endTemplate().endSpec().build()).create();
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace
                + "/pods?labelSelector=agent-id%3D" + agentId).andReturn(200, new PodMetricsListBuilder()
                .addToItems(new PodMetricsBuilder().withNewMetadata().withName(agentId + "-0").withNamespace(namespace)
                        .endMetadata().addNewContainer().withName("agent").addToUsage("cpu", new Quantity("250m"))
                        .addToUsage("memory", new Quantity("256Mi")).endContainer().build()).build()).always();
    }

    ProxyResponse metrics(MonitoringFunctions functions) {
        return functions.getAgentMetrics(Events.api("getAgentMetrics").user(owner).agentId(agentId).request());
    }

    @Test
    void getAgentMetrics_withoutAMetricsSourceAndWithoutACpuLimit() {
        assertDocumented("getAgentMetrics", metrics(monitoring)); // 409: not deployed
        deployment(null);
        ProxyResponse answer = metrics(monitoring);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(body(answer).get("metrics").get("cpu").has("limit")).isFalse();
        assertDocumented("getAgentMetrics", answer);
    }

    @Test
    void getAgentMetrics_fromPrometheusWithAFigureMissing() {
        deployment("500m");
        try (PrometheusStub prometheus = PrometheusStub.start()) {
            prometheus.answerEvery("1250");
            prometheus.answer(containing("[45]"), null);
            ProxyResponse answer = metrics(prometheusMonitoring.reading(prometheus.baseUrl()));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(body(answer).get("metrics").get("requests").get("source").asText()).isEqualTo("prometheus");
            assertThat(body(answer).get("metrics").get("requests").has("errors")).isFalse();
            assertDocumented("getAgentMetrics", answer);
        }
    }

    // --- agent logs ----------------------------------------------------------------------------------------------

    ProxyResponse logs(Map<String, String> query) {
        return monitoring.getAgentLogs(Events.api("getAgentLogs").user(owner).agentId(agentId).query(query).request());
    }

    @Test
    void getAgentLogs_readFollowedAndRefused() {
        assertDocumented("getAgentLogs", logs(Map.of())); // 409: no pods
        SimulatedPodLogs kubelet = new SimulatedPodLogs(server, kube);
        kubelet.pod(namespace, agentId + "-a", agentId, 0);
        kubelet.serve(namespace, agentId + "-a", false, null, 101,
                "2024-01-15T13:20:00.5Z [2024-01-15 13:20:00] INFO: Agent started successfully\n"
                        + "2024-01-15T13:21:00Z {\"level\":50,\"msg\":\"Out of memory\"}\n");
        ProxyResponse read = logs(Map.of());
        assertThat(body(read).get("logs")).hasSize(2);
        assertDocumented("getAgentLogs", read);

        String cursor = body(read).get("cursor").asText();
        kubelet.serve(namespace, agentId + "-a", false, Instant.parse("2024-01-15T13:21:00Z"), 1001,
                "2024-01-15T13:21:00Z {\"level\":50,\"msg\":\"Out of memory\"}\n");
        ProxyResponse waited = logs(Map.of("follow", "true", "cursor", cursor));
        assertThat(body(waited).get("logs")).isEmpty();
        assertDocumented("getAgentLogs", waited);

        assertDocumented("getAgentLogs", logs(Map.of("lines", "0")));
        assertDocumented("getAgentLogs", logs(Map.of("follow", "true", "cursor", "%%%")));
    }
}
