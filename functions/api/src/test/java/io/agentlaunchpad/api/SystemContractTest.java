package io.agentlaunchpad.api;

import io.agentlaunchpad.api.monitoring.KubernetesProbe;
import io.agentlaunchpad.api.monitoring.RegistryProbe;
import io.agentlaunchpad.api.monitoring.SystemMetricsService;
import io.agentlaunchpad.health.DatabaseProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.health.QueueProbe;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.List;

import static io.agentlaunchpad.api.OpenApiAnswers.assertDocumented;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health and system metrics answers, produced by the functions on the emulators and stubs the route tests use,
 * checked against {@code openapi.yaml} (see {@link OpenApiAnswers}).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class SystemContractTest {

    @Inject
    SystemFunctions system;

    @Inject
    HttpPipeline http;

    @Inject
    SystemMetricsService systemMetrics;

    @Inject
    QueueProbe queueProbe;

    @Inject
    KubernetesProbe kubernetesProbe;

    @Inject
    RegistryProbe registryProbe;

    @BeforeEach
    void registry() {
        RegistryStubResource.repositoryExists();
    }

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
        HealthService failing = new HealthService(List.of(new DatabaseProbe(new TableSet(dead, "")), queueProbe,
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
        assertDocumented("getSystemMetrics", system.getSystemMetrics(Events.api("getSystemMetrics").user(newUser())
                .request()));
    }
}
