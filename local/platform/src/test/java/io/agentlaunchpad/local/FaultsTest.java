package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.json.Json;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each fault injected into a running platform through {@link Faults}, against the real emulators: the API while
 * DynamoDB is down and after it is back, Kubernetes errors for the platform but not for the simulated kubelet,
 * at-least-once delivery and a deployer dying after an apply, each ending with the agent deployed once.
 */
class FaultsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String AGENT = """
            {"agentName":"%s","personality":{"bio":["x"]},"selectedPlugins":["@elizaos/plugin-bootstrap"],
             "resources":{"memory":"512Mi","cpu":"250m"}}""";

    @TempDir
    Path home;

    LocalPlatform.Running platform;
    Faults faults;
    /** A client of the simulated cluster that does not name itself, as kubectl or a suite's own checks: never faulted. */
    KubernetesClient observer;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        platform = LocalPlatform.startIn(home, Map.of("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "2",
                "LAUNCHPAD_RECONCILE_SECONDS", "2", "LAUNCHPAD_SIMULATED_READY_SECONDS", "0.5"));
        faults = platform.faults();
        observer = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null,
                Files.readString(platform.kubeconfig()), platform.kubeconfig().toString())).build();
    }

    @AfterEach
    void stop() throws IOException {
        if (observer != null) {
            observer.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void withDynamoStopped_anUnseenKeyIsRefusedByTheAuthorizer_aRememberedOneByTheRoute_andAfterTheRestartTheDataIsThere()
            throws Exception {
        String agentId = create("before-the-stop");
        String unseenKey = json(call("POST", "/api/auth/generate-key",
                "{\"username\": \"unseen-" + System.nanoTime() + "\", \"role\": \"USER\"}")).get("apiKey").asText();

        faults.stopDynamo();
        HttpResponse<String> down = callAs(unseenKey, "GET", "/api/agents", null);
        HttpResponse<String> remembered = call("GET", "/api/agents", null);

        // A key the authorizer has not seen cannot be read (the route never runs): the gateway's answer.
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(json(down).at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(json(down).at("/error/message").asText()).startsWith("The request could not be authorized now");
        // A key it remembers (KeyCache) passes; the route's own read finds DynamoDB down: the route's answer.
        assertThat(remembered.statusCode()).as(remembered.body()).isEqualTo(503);
        assertThat(json(remembered).at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(faults.injected()).containsEntry("dynamoStops", 1L);

        faults.startDynamo();
        HttpResponse<String> up = call("GET", "/api/agents", null);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(json(up).get("agents").findValuesAsText("agentId")).contains(agentId);
    }

    @Test
    void kubernetes500s_failThePlatformsRequestsAfterFabric8sRetries_butNeverTheSimulatedKubelets() {
        faults.kubernetesErrors(1.0, Set.of(500));

        // The simulated kubelet still gives a Deployment its Ready pod.
        observer.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("spared").endMetadata()
                .build()).create();
        observer.apps().deployments().inNamespace("spared").resource(deployment("spared")).create();
        await("the kubelet made spared ready", () -> {
            Deployment d = observer.apps().deployments().inNamespace("spared").withName("spared").get();
            return d.getStatus() != null && Objects.equals(d.getStatus().getReadyReplicas(), 1);
        });
        assertThatThrownBy(() -> platform.platform().kubernetes().namespaces().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        assertThat(faults.injected()).as("one request and fabric8's 10 retries").containsEntry("kubernetes500", 11L);

        faults.clear();

        assertThat(platform.platform().kubernetes().namespaces().withName("spared").get()).isNotNull();
        assertThat(faults.injected()).containsEntry("kubernetes500", 11L);
    }

    @Test
    void duplicatedAndRedeliveredRecords_stillEndInOneDeployedAgent() throws Exception {
        faults.duplicateDeliveries(1.0);
        faults.redeliverAfterSuccess(1.0);
        String agentId = create("delivered-often");

        await("a record delivered twice and one redelivered", () -> faults.injected().get("duplicatedDeliveries") > 0
                && faults.injected().get("redeliveries") > 0);
        // At 1 a record comes back until the DLQ takes it: enough has been redelivered.
        faults.redeliverAfterSuccess(0);

        awaitStatus(agentId, "DEPLOYED");
        assertThat(deployments(agentId)).hasSize(1);
        assertThat(faults.injected().get("duplicatedDeliveries")).isPositive();
        assertThat(faults.injected().get("redeliveries")).isPositive();
    }

    @Test
    void aDeployerThatDiesAfterItsApply_leavesTheAgentUndeployedWithItsDeployment_untilARedeliveryFinishesIt()
            throws Exception {
        faults.crashAfterApply(1.0);
        String agentId = create("crashing");

        // Two crashes: the first delivery's and the redelivery's after the 2 s visibility timeout.
        await("two crashes after the apply", () -> faults.injected().get("deployerCrashes") >= 2);
        assertThat(deployments(agentId)).hasSize(1);
        assertThat(status(agentId)).as("no status written after the apply").isEqualTo("QUEUED");

        faults.clear();

        awaitStatus(agentId, "DEPLOYED");
        assertThat(deployments(agentId)).hasSize(1);
        assertThat(faults.injected().get("deployerCrashes")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDeployerKilledOnEveryDelivery_isNotGivenUpOnAsAFailingOneIs_andTheReconcilerResumesItsAgent()
            throws Exception {
        faults.crashAfterApply(1.0);
        String agentId = create("killed-every-time");
        String deadLetters = platform.sqs().getQueueUrl(b -> b.queueName(LocalPlatform.TABLE_PREFIX + "deploy-dlq"))
                .queueUrl();

        await("the command in the dead-letter queue after its last receive", () -> waiting(deadLetters) > 0);
        // A deploy function that threw on its last receive would have marked the agent FAILED; a killed one cannot.
        assertThat(status(agentId)).isEqualTo("QUEUED");

        faults.clear();

        awaitStatus(agentId, "DEPLOYED");
        assertThat(deployments(agentId)).hasSize(1);
    }

    @Test
    void startInReadsTheSettingsItIsGiven_andListensOnLoopbackWithItsHomeThere() {
        String visibility = platform.sqs().getQueueAttributes(b -> b.queueUrl(platform.deployQueueUrl())
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .get(QueueAttributeName.VISIBILITY_TIMEOUT);

        assertThat(visibility).isEqualTo("2");
        assertThat(platform.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(platform.kubeconfig()).isEqualTo(home.resolve("kubeconfig")).exists();
    }

    @Test
    void clearSetsEveryRateBackTo0_andRatesOutside0To1AreRefused() {
        assertThatThrownBy(() -> faults.duplicateDeliveries(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.crashAfterApply(-0.1)).isInstanceOf(IllegalArgumentException.class);
        faults.kubernetesErrors(1.0, Set.of(429, 500));

        faults.clear();

        assertThat(platform.platform().kubernetes().namespaces().withName("default").get()).isNotNull();
        assertThat(faults.injected()).containsOnlyKeys("dynamoStops", "duplicatedDeliveries", "redeliveries",
                "kubernetes409", "kubernetes429", "kubernetes500", "deployerCrashes").allSatisfy((k, v) ->
                assertThat(v).as(k).isZero());
    }

    private String create(String name) throws Exception {
        HttpResponse<String> created = call("POST", "/api/agents", AGENT.formatted(name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json(created).get("agentId").asText();
    }

    private String status(String agentId) throws Exception {
        HttpResponse<String> answer = call("GET", "/api/agents/" + agentId + "/status", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer).get("status").asText();
    }

    private void awaitStatus(String agentId, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status(agentId);
            if (last.equals(wanted)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(agentId + " not " + wanted + " within " + WAIT + ", last " + last);
    }

    private List<Deployment> deployments(String agentId) {
        return observer.apps().deployments().inAnyNamespace().withLabel(AgentNames.AGENT_ID, agentId).list()
                .getItems();
    }

    private int waiting(String queueUrl) {
        return Integer.parseInt(platform.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** An admin call; a 429 of the key's usage plan is waited out as told, as a client does. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return callAs(platform.adminKey(), method, path, body);
    }

    private HttpResponse<String> callAs(String key, String method, String path, String body) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 429 || Instant.now().isAfter(deadline)) {
                return answer;
            }
            Thread.sleep(1000 * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.tree(response.body());
    }

    private static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static Deployment deployment(String name) {
        Map<String, String> labels = Map.of("app", name);
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
