package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/agents/{agentId}/metrics}: PodMetrics and the Deployment from the cluster, traffic from Prometheus. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class AgentMetricsRoutesTest extends AgentOnClusterFixture {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    MonitoringFunctions monitoring;

    @Inject
    MonitoringWithPrometheus prometheusMonitoring;

    PrometheusStub prometheus;

    @BeforeEach
    void startPrometheus() {
        prometheus = PrometheusStub.start();
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    void deployment(int replicas) {
        kube.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName(agentId).withNamespace(namespace).endMetadata().withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("agent-id", agentId).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("agent-id", agentId).endMetadata().withNewSpec()
                .addNewContainer().withName("agent").withImage("elizaos").withNewResources()
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().endTemplate().endSpec().build()).create();
    }

    void podMetrics(String... cpuAndMemory) {
        var list = new PodMetricsListBuilder();
        for (int i = 0; i < cpuAndMemory.length; i += 2) {
            list.addToItems(new PodMetricsBuilder().withNewMetadata().withName(agentId + "-" + i)
                    .withNamespace(namespace).endMetadata().addNewContainer().withName("agent")
                    .addToUsage("cpu", new Quantity(cpuAndMemory[i]))
                    .addToUsage("memory", new Quantity(cpuAndMemory[i + 1])).endContainer().build());
        }
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace
                + "/pods?labelSelector=agent-id%3D" + agentId).andReturn(200, list.build()).always();
    }

    void answer(String promql, String value) {
        prometheus.answer(equalTo(promql), value);
    }

    ProxyResponse metrics(MonitoringFunctions functions) {
        return functions.getAgentMetrics(Events.api("getAgentMetrics").user(owner).agentId(agentId).request());
    }

    MonitoringFunctions withPrometheus() {
        return prometheusMonitoring.reading(prometheus.baseUrl() + "/");
    }

    @Test
    void getAgentMetrics_sumsPodUsageAgainstLimitsTimesReplicasAndSaysTrafficIsUnavailableWithoutASource() {
        deployment(2);
        podMetrics("250m", "256Mi", "200m", "256Mi");
        ProxyResponse response = metrics(monitoring);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(body.get("timestamp").asText()).matches(SECOND_TIMESTAMP);
        JsonNode m = body.get("metrics");
        assertThat(m.get("cpu").get("usage").asDouble()).isEqualTo(0.45);
        assertThat(m.get("cpu").get("limit").asDouble()).isEqualTo(1.0);
        assertThat(m.get("cpu").get("percentage").asDouble()).isEqualTo(45.0);
        assertThat(m.get("memory").get("usage").isIntegralNumber()).as("bytes are written as integers").isTrue();
        assertThat(m.get("memory").get("usage").asLong()).isEqualTo(536870912L);
        assertThat(m.get("memory").get("limit").asLong()).isEqualTo(2147483648L);
        assertThat(m.get("memory").get("percentage").asDouble()).isEqualTo(25.0);
        assertThat(m.get("pods").asInt()).isEqualTo(2);
        assertThat(m.get("network").get("source").asText()).isEqualTo("unavailable");
        assertThat(m.get("network").get("reason").asText()).contains("prometheus-url");
        assertThat(m.get("network").has("bytesIn")).isFalse();
        assertThat(m.get("requests").get("source").asText()).isEqualTo("unavailable");
        assertThat(m.get("requests").has("total")).isFalse();
    }

    @Test
    void getAgentMetrics_readsNetworkAndRequestsFromPrometheusAndLeavesOutWhatItDoesNotKnow() {
        deployment(1);
        podMetrics("100m", "128Mi");
        String pods = "namespace=\"" + namespace + "\",pod=~\"" + agentId + "-.*\"";
        String ingress = "exported_namespace=\"" + namespace + "\",ingress=\"" + agentId + "\"";
        answer("sum(container_network_receive_bytes_total{" + pods + "})", "1048576");
        answer("sum(container_network_transmit_bytes_total{" + pods + "})", "524288");
        answer("sum(nginx_ingress_controller_requests{" + ingress + "})", "1250");
        answer("sum(nginx_ingress_controller_requests{" + ingress + ",status=~\"[23]..\"})", "1200");
        answer("sum(nginx_ingress_controller_requests{" + ingress + ",status=~\"[45]..\"})", null);
        answer("sum(rate(nginx_ingress_controller_requests{" + ingress + "}[5m]))", "10.5");

        JsonNode m = body(metrics(withPrometheus())).get("metrics");
        assertThat(m.get("network").get("source").asText()).isEqualTo("prometheus");
        assertThat(m.get("network").get("bytesIn").asLong()).isEqualTo(1048576L);
        assertThat(m.get("network").get("bytesOut").asLong()).isEqualTo(524288L);
        assertThat(m.get("requests").get("source").asText()).isEqualTo("prometheus");
        assertThat(m.get("requests").get("total").asLong()).isEqualTo(1250);
        assertThat(m.get("requests").get("success").asLong()).isEqualTo(1200);
        assertThat(m.get("requests").has("errors")).isFalse();
        assertThat(m.get("requests").get("rate").asDouble()).isEqualTo(10.5);
        assertThat(m.get("cpu").get("percentage").asDouble()).isEqualTo(20.0);
    }

    @Test
    void getAgentMetrics_aSourceThatDoesNotAnswerIsUnavailableNotZero() {
        deployment(1);
        podMetrics("100m", "128Mi");
        prometheus.failEvery(503);
        JsonNode m = body(metrics(withPrometheus())).get("metrics");
        assertThat(m.get("network").get("source").asText()).isEqualTo("unavailable");
        assertThat(m.get("network").get("reason").asText()).contains("did not answer");
        assertThat(m.get("network").has("bytesIn")).isFalse();
        assertThat(m.get("requests").has("rate")).isFalse();
    }

    @Test
    void getAgentMetrics_ofAnAgentNotDeployedIsAClearConflict() {
        JsonNode error = error(metrics(monitoring), 409, "CONFLICT");
        assertThat(error.get("message").asText()).contains("not deployed").contains("QUEUED");
    }

    @Test
    void getAgentMetrics_ofAStoppedAgentIsAConflictNotARetry() {
        deployment(0);
        JsonNode error = error(metrics(monitoring), 409, "CONFLICT");
        assertThat(error.get("message").asText()).contains("stopped (0 replicas)");
    }

    @Test
    void getAgentMetrics_beforeAnyPodIsMeasuredIsNotAvailableYet() {
        deployment(1);
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace
                + "/pods?labelSelector=agent-id%3D" + agentId).andReturn(200, new PodMetricsListBuilder().build())
                .always();
        JsonNode error = error(metrics(monitoring), 503, "SERVICE_UNAVAILABLE");
        assertThat(error.get("message").asText()).contains("not available yet");
    }

    @Test
    void getAgentMetrics_ofAnotherOwnersAgentIsNotFound() {
        error(monitoring.getAgentMetrics(Events.api("getAgentMetrics").user("user-else").agentId(agentId).request()),
                404, "AGENT_NOT_FOUND");
    }
}
