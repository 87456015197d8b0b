package io.agentlaunchpad.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.api.ops.AgentLogService;
import io.agentlaunchpad.api.ops.AgentMetricsService;
import io.agentlaunchpad.api.ops.KubernetesProbe;
import io.agentlaunchpad.api.ops.OpsConfig;
import io.agentlaunchpad.api.ops.PrometheusMetricsSource;
import io.agentlaunchpad.api.ops.RegistryProbe;
import io.agentlaunchpad.api.ops.SystemMetricsService;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.health.DatabaseProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.health.QueueProbe;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.agentlaunchpad.testing.OpenApiSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations routes (agent metrics and logs, scans, security events, health, system metrics) and the agent
 * status answer, produced by the functions on the emulators and stubs the route tests use, checked against
 * {@code openapi.yaml}: each answer's status is documented for its operation, its body matches that status's schema
 * with no field the schema leaves out and none it requires missing, and every header it carries is documented.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class OperationsContractTest {

    /**
     * Where the code contradicts the API reference, reported rather than written into the spec: each pattern must
     * match a problem the check finds (so fixing the code fails this test until the entry goes).
     *
     * <p>Byte counts: the reference shows them as integers ({@code "usage": 536870912}); AgentMetricsService.Usage
     * and SystemMetricsService.Resource hold them as doubles, which Jackson writes as {@code 5.36870912E8} and
     * {@code 0.0}, which a client with a typed integer field (Go's int64, serde's u64) refuses.
     */
    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient kube;

    @Inject
    AgentFunctions agents;

    @Inject
    MonitoringFunctions monitoring;

    @Inject
    SecurityFunctions security;

    @Inject
    SystemFunctions system;

    @Inject
    HttpPipeline http;

    @Inject
    AgentService agentService;

    @Inject
    AgentStore store;

    @Inject
    AgentLogService logService;

    @Inject
    SystemMetricsService systemMetrics;

    @Inject
    OpsConfig opsConfig;

    @Inject
    LaunchpadConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    QueueProbe queueProbe;

    @Inject
    KubernetesProbe kubernetesProbe;

    @Inject
    RegistryProbe registryProbe;

    final OpenApiSpec spec = OpenApiSpec.repository();
    String owner;
    String agentId;
    String namespace;

    @BeforeEach
    void agent() {
        RegistryStubResource.repositoryExists();
        owner = "user-" + UUID.randomUUID().toString().substring(0, 8);
        agentId = body(agents.createAgent(Events.api("createAgent").user(owner).request())).get("agentId").asText();
        namespace = AgentNames.namespace("agents-", owner);
    }

    /**
     * The answer is documented for the operation, apart from the known code deviations given, each of which must
     * occur.
     */
    void assertDocumented(String operationId, ProxyResponse answer, String... knownDeviations) {
        List<String> problems = new ArrayList<>(spec.problems(operationId, answer));
        for (String known : knownDeviations) {
            Pattern pattern = Pattern.compile(known);
            assertThat(problems).as("known deviation %s of %s no longer occurs: remove it from the test\n%s", known,
                    operationId, answer.body()).anyMatch(p -> pattern.matcher(p).find());
            problems.removeIf(p -> pattern.matcher(p).find());
        }
        assertThat(problems).as("%s %d does not match openapi.yaml\n%s\n%s", operationId, answer.statusCode(),
                answer.headers(), answer.body()).isEmpty();
    }

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
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("agent").withImage("elizaos")
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
        WireMockServer prometheus = new WireMockServer(wireMockConfig().dynamicPort());
        prometheus.start();
        try {
            prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"success\",\"data\":"
                            + "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1705325100.0,\"1250\"]}]}}")));
            prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", com.github.tomakehurst
                            .wiremock.client.WireMock.containing("[45]"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
            MonitoringFunctions withPrometheus = new MonitoringFunctions(http, logService, new AgentMetricsService(
                    agentService, kube, new PrometheusMetricsSource(Optional.of(prometheus.baseUrl()),
                    Duration.ofSeconds(2)), opsConfig, Clock.systemUTC()));
            ProxyResponse answer = metrics(withPrometheus);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(body(answer).get("metrics").get("requests").get("source").asText()).isEqualTo("prometheus");
            assertThat(body(answer).get("metrics").get("requests").has("errors")).isFalse();
            assertDocumented("getAgentMetrics", answer);
        } finally {
            prometheus.stop();
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

    // --- scans ---------------------------------------------------------------------------------------------------

    ProxyResponse scan() {
        return security.scanAgent(Events.api("scanAgent").user(owner).agentId(agentId).request());
    }

    ProxyResponse getScan(String scanId) {
        return security.getScan(Events.api("getScan").user(owner).pathParameter("scanId", scanId).request());
    }

    static String digest() {
        return "sha256:" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void scanAgent_inProgressCompletedAndBlocked() {
        String digest = digest();
        RegistryStubResource.image(digest);
        RegistryStubResource.neverScanned(digest);
        ProxyResponse started = scan();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertDocumented("scanAgent", started);
        String scanId = body(started).get("scanId").asText();
        RegistryStubResource.scanInProgress(digest);
        assertDocumented("getScan", getScan(scanId));

        RegistryStubResource.scanComplete(digest, Instant.now().getEpochSecond(), "\"HIGH\":1,\"MEDIUM\":1", """
                "findings": [
                  {"name": "CVE-2024-0001", "severity": "HIGH", "attributes": [
                    {"key": "package_name", "value": "openssl"}, {"key": "package_version", "value": "3.0.2"}]}]""");
        ProxyResponse passed = scan();
        assertThat(body(passed).get("results").get("passed").asBoolean()).isTrue();
        assertDocumented("scanAgent", passed);
        assertDocumented("getScan", getScan(scanId));

        RegistryStubResource.scanComplete(digest, Instant.now().getEpochSecond(), "\"CRITICAL\":2");
        ProxyResponse blocked = scan();
        assertThat(body(blocked).get("results").get("passed").asBoolean()).isFalse();
        assertDocumented("scanAgent", blocked);

        assertDocumented("getScan", getScan("scan-789xyz"));
        assertDocumented("getScan", security.getScan(Events.api("getScan").user("user-other")
                .pathParameter("scanId", scanId).request()));
    }

    @Test
    void scanAgent_aCompletedScanCarriesScannedAt_theRegistrysTimeOrElseWhenThePlatformFirstSawIt() throws Exception {
        String digest = digest();
        RegistryStubResource.image(digest);
        Instant completed = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        RegistryStubResource.scanComplete(digest, completed.getEpochSecond(), "\"LOW\":1");
        assertThat(body(scan()).get("scannedAt").asText()).isEqualTo(completed.toString());

        String other = digest();
        RegistryStubResource.image(other);
        RegistryStubResource.scanCompleteWithoutTime(other, "\"LOW\":2");
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode first = body(scan());
        Thread.sleep(1100);
        JsonNode again = body(getScan(first.get("scanId").asText()));

        assertThat(first.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(Instant.parse(first.get("scannedAt").asText())).isBetween(before, Instant.now());
        assertThat(again.get("scannedAt").asText()).as("the first sighting, not the read's time")
                .isEqualTo(first.get("scannedAt").asText());
    }

    @Test
    void scanAgent_aScanThatCouldNotCompleteAndAnImageNotInTheRegistry() {
        String digest = digest();
        RegistryStubResource.image(digest);
        RegistryStubResource.server().stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(RegistryStubResource.TARGET + "DescribeImageScanFindings"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"registryId\":\"" + RegistryStubResource.REGISTRY + "\",\"imageId\":{"
                                + "\"imageDigest\":\"" + digest + "\"},\"imageScanStatus\":{\"status\":\"FAILED\","
                                + "\"description\":\"UnsupportedImageError\"}}")));
        ProxyResponse failed = scan();
        assertThat(body(failed).get("status").asText()).as(failed.body()).isEqualTo("FAILED");
        assertDocumented("scanAgent", failed);

        RegistryStubResource.server().resetAll();
        RegistryStubResource.server().stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(RegistryStubResource.TARGET + "DescribeImages"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ImageNotFoundException\",\"message\":\"no such image\"}")));
        try {
            ProxyResponse missing = scan();
            assertThat(missing.statusCode()).as(missing.body()).isEqualTo(409);
            assertDocumented("scanAgent", missing);
        } finally {
            RegistryStubResource.repositoryExists();
        }
    }

    // --- security events -----------------------------------------------------------------------------------------

    ProxyResponse events(Events caller, Map<String, String> query) {
        return security.listSecurityEvents(caller.query(query).request());
    }

    @Test
    void listSecurityEvents_pagedAndRefused() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            new DynamoSecurityEvents(dynamo, config, Clock.fixed(now.minus(Duration.ofMinutes(i)), ZoneOffset.UTC))
                    .record("SECURITY_SCAN_FAILED", "HIGH", owner, i == 3 ? null : agentId,
                            "Container security scan failed", Map.of("scanId", "scan-" + i, "reason", "Critical"));
        }
        ProxyResponse page = events(Events.api("listSecurityEvents").user(owner), Map.of("limit", "2"));
        assertThat(body(page).has("nextToken")).as(page.body()).isTrue();
        assertDocumented("listSecurityEvents", page);
        ProxyResponse last = events(Events.api("listSecurityEvents").user(owner),
                Map.of("limit", "2", "nextToken", body(page).get("nextToken").asText()));
        assertDocumented("listSecurityEvents", last);
        assertDocumented("listSecurityEvents", events(Events.api("listSecurityEvents").admin("admin-contract"),
                Map.of("severity", "high", "since", "1h")));
        assertDocumented("listSecurityEvents", events(Events.api("listSecurityEvents").user(owner),
                Map.of("severity", "SEVERE")));
    }

    // --- health and system metrics -------------------------------------------------------------------------------

    @Test
    void getHealth_answeredAndUnhealthy() throws IOException {
        // HEALTHY, or DEGRADED when no Ready node is left in the mock cluster: 200 either way
        ProxyResponse answered = system.getHealth(Events.api("getHealth").viewer("user-contract").request());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertDocumented("getHealth", answered);

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DynamoDbClient dead = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + closed)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
        HealthService failing = new HealthService(List.of(new DatabaseProbe(dead, "agents"), queueProbe,
                kubernetesProbe, registryProbe), Duration.ofSeconds(1), Clock.systemUTC());
        ProxyResponse unhealthy = new SystemFunctions(http, failing, systemMetrics)
                .getHealth(Events.api("getHealth").viewer("user-contract").request());
        assertThat(unhealthy.statusCode()).as(unhealthy.body()).isEqualTo(503);
        assertDocumented("getHealth", unhealthy);
    }

    @Test
    void getSystemMetrics_forAnAdminAndRefusedToAUser() {
        // whatever nodes other tests of this application left, or none: the answer has the same shape
        ProxyResponse answer = system.getSystemMetrics(Events.api("getSystemMetrics").admin("admin-contract").request());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertDocumented("getSystemMetrics", answer);
        assertDocumented("getSystemMetrics", system.getSystemMetrics(Events.api("getSystemMetrics").user(owner)
                .request()));
    }
}
