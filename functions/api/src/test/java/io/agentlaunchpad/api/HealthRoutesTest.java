package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.api.monitoring.KubernetesProbe;
import io.agentlaunchpad.api.monitoring.RegistryProbe;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.kubernetes.KubernetesClusterReads;
import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.DatabaseProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.health.QueueProbe;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.scan.ImagesConfig;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/health}: live probes of DynamoDB, SQS, the cluster and ECR, each component down in turn. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class HealthRoutesTest {

    @Inject
    SystemFunctions system;

    @Inject
    KubernetesClient kube;

    @Inject
    DatabaseProbe database;

    @Inject
    QueueProbe queue;

    @Inject
    KubernetesProbe kubernetes;

    @Inject
    RegistryProbe registry;

    @Inject
    ImagesConfig images;

    /** A port that accepts connections and never answers: a hung component. */
    ServerSocket silent;
    final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void cluster() throws IOException {
        RegistryStubResource.repositoryExists();
        if (kube.nodes().withName("node-a").get() == null) {
            kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus().build()).create();
        }
        silent = new ServerSocket(0);
        Thread accept = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    URI silentUri() {
        return URI.create("http://127.0.0.1:" + silent.getLocalPort());
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void getHealth_allComponentsUp_isHealthyWithEveryComponentsFields() {
        ProxyResponse response = system.getHealth(Events.api("getHealth").viewer("user-health").request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(body.get("timestamp").asText()).matches(SECOND_TIMESTAMP);
        assertThat(body.get("version").asText()).isEqualTo("1.0.0-SNAPSHOT");
        JsonNode c = body.get("components");
        assertThat(c.has("redis")).isFalse();
        for (String name : List.of("database", "queue", "kubernetes", "registry")) {
            assertThat(c.get(name).get("status").asText()).as(name).isEqualTo("HEALTHY");
            assertThat(c.get(name).get("responseTime").asText()).as(name).matches("^\\d+ms$");
        }
        assertThat(c.get("database").get("tableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(c.get("database").get("table").asText()).endsWith("agents");
        assertThat(c.get("queue").get("depth").isIntegralNumber()).isTrue();
        assertThat(c.get("queue").get("inFlight").isIntegralNumber()).isTrue();
        assertThat(c.get("queue").get("dlqDepth").asLong()).isZero();
        assertThat(c.get("kubernetes").get("nodes").asInt()).isEqualTo(1);
        assertThat(c.get("kubernetes").get("readyNodes").asInt()).isEqualTo(1);
        assertThat(c.get("kubernetes").get("mode").asText()).isEqualTo("kubeconfig");
        assertThat(c.get("kubernetes").get("pods").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(c.get("registry").get("available").asBoolean()).isTrue();
        assertThat(c.get("registry").get("repository").asText()).isEqualTo("elizaos-agent");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void getHealth_countsOnlyThePlatformsPodsInManagedNamespaces() {
        // The reader may list pods only inside managed owner namespaces: a pod labelled as the platform's elsewhere
        // is not counted, because it is never read.
        kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("agents-x").addToLabels(AgentNames.MANAGED_BY, AgentNames.MANAGER).endMetadata()
                .build()).createOr(r -> r.update());
        kube.pods().inNamespace("agents-x").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("agent-managed-1").withNamespace("agents-x")
                .addToLabels(AgentNames.MANAGED_BY, AgentNames.MANAGER).endMetadata().build()).create();
        kube.pods().inNamespace("kube-system").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata().build()).create();
        kube.pods().inNamespace("kube-system").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("labelled").withNamespace("kube-system")
                .addToLabels(AgentNames.MANAGED_BY, AgentNames.MANAGER).endMetadata().build()).create();
        try {
            JsonNode c = body(system.getHealth(Events.api("getHealth").viewer("user-health").request()))
                    .get("components");
            assertThat(c.get("kubernetes").get("pods").asInt()).isEqualTo(1);
        } finally {
            kube.pods().inNamespace("agents-x").withName("agent-managed-1").delete();
            kube.pods().inNamespace("kube-system").withName("coredns").delete();
            kube.pods().inNamespace("kube-system").withName("labelled").delete();
        }
    }

    @Test
    void getHealth_registryMissingTheRepository_isDegraded() {
        RegistryStubResource.server().resetAll();
        RegistryStubResource.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"not found\"}")));
        ProxyResponse response = system.getHealth(Events.api("getHealth").viewer("user-health").request());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.get("components").get("registry").get("status").asText()).isEqualTo("UNHEALTHY");
    }

    HealthService with(ComponentProbe... probes) {
        return new HealthService(List.of(probes), Duration.ofSeconds(1), Clock.systemUTC());
    }

    DynamoDbClient deadDynamo(URI endpoint) {
        return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30)))
                .endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
    }

    @Test
    void health_databaseDown_isUnhealthy() throws IOException {
        var report = with(new DatabaseProbe(new TableSet(deadDynamo(URI.create("http://127.0.0.1:" + closedPort())), "")),
                queue, kubernetes, registry).check();
        assertThat(report.status()).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("database").get("status")).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("queue").get("status")).isEqualTo("HEALTHY");
    }

    @Test
    void health_databaseHanging_answersWithinTheProbeTimeoutAsUnhealthy() {
        var report = with(new DatabaseProbe(new TableSet(deadDynamo(silentUri()), "")), queue, kubernetes, registry).check();
        assertThat(report.status()).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("database").get("status")).isEqualTo("UNHEALTHY");
        assertThat((String) report.components().get("database").get("error")).contains("no answer within 1000ms");
        assertThat(report.components().get("kubernetes").get("status")).isEqualTo("HEALTHY");
    }

    @Test
    void health_queueDown_isUnhealthy() throws IOException {
        SqsClient dead = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
        var report = with(database, new QueueProbe(dead, "http://127.0.0.1:1/000000000000/deploy"), kubernetes,
                registry).check();
        assertThat(report.status()).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("queue").get("status")).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("database").get("status")).isEqualTo("HEALTHY");
    }

    @Test
    void health_kubernetesHanging_isDegradedWithinTheProbeTimeout() {
        Config config = new ConfigBuilder().withMasterUrl(silentUri().toString()).withRequestTimeout(30_000)
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient hung = new KubernetesClientBuilder().withConfig(config).build()) {
            var kubernetes = new KubernetesProbe(new KubernetesClusterReads(hung), "kubeconfig", null);
            var report = with(database, queue, kubernetes, registry).check();
            assertThat(report.status()).isEqualTo("DEGRADED");
            assertThat(report.components().get("kubernetes").get("status")).isEqualTo("UNHEALTHY");
            assertThat(report.components().get("registry").get("status")).isEqualTo("HEALTHY");
        }
    }

    @Test
    void health_registryDown_isDegraded() throws IOException {
        EcrClient dead = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
        var report = with(database, queue, kubernetes, new RegistryProbe(dead, images)).check();
        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.components().get("registry").get("status")).isEqualTo("UNHEALTHY");
        assertThat(report.components().get("kubernetes").get("status")).isEqualTo("HEALTHY");
    }

    @Inject
    io.agentlaunchpad.http.HttpPipeline http;

    @Inject
    io.agentlaunchpad.api.monitoring.SystemMetricsService metrics;

    @Test
    void getHealth_unhealthy_answers503WithTheSameReport() throws IOException {
        HealthService failing = with(new DatabaseProbe(new TableSet(deadDynamo(URI.create("http://127.0.0.1:" + closedPort())),
                "")), queue, kubernetes, registry);
        ProxyResponse response = new SystemFunctions(http, failing, metrics)
                .getHealth(Events.api("getHealth").viewer("user-health").request());
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = body(response);
        assertThat(body.get("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.get("components").get("database").get("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.get("components").get("database").get("error").asText()).isNotBlank();
        assertThat(body.get("components").get("queue").get("status").asText()).isEqualTo("HEALTHY");
        assertThat(body.has("error")).isFalse();
    }
}
