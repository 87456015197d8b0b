package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Errors injected into the simulated API server: only clients that name themselves get them, as a real API server
 * answers them, and fabric8's client reacts as it does to a real one (its retries are counted here).
 */
class InjectedErrorsTest {

    @TempDir
    static Path dir;

    static SimulatedCluster cluster;
    /** Names itself, as the local platform's client does; fabric8's default retry limit, 1 ms apart. */
    static KubernetesClient named;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start(dir.resolve(".launchpad/kubeconfig"), Duration.ofMillis(200));
        named = namedClient(config -> config.setRequestRetryBackoffInterval(1));
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("errors")
                .endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        named.close();
        cluster.close();
    }

    @AfterEach
    void noMoreErrors() {
        cluster.injectErrors(0, Set.of());
    }

    @Test
    void a500IsRetriedTenTimesByFabric8ThenThrown_whileTheKubeletAndUnnamedClientsAreSpared() {
        cluster.injectErrors(1.0, Set.of(500));
        long before = cluster.injectedErrors().get(500);

        assertThatThrownBy(() -> named.namespaces().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
                });
        assertThat(cluster.injectedErrors().get(500) - before).as("one request and fabric8's 10 retries")
                .isEqualTo(11);

        // The simulated kubelet's client is the cluster's own: a Deployment made now still gets a Ready pod.
        Agents.deploy(cluster.client(), "errors", "spared", 1, "ghcr.io/elizaos/eliza:v1");
        Agents.awaitReady(cluster.client(), "errors", "spared", 1);
        assertThat(cluster.injectedErrors().get(500) - before).isEqualTo(11);

        cluster.injectErrors(0, Set.of());
        assertThat(named.namespaces().withName("errors").get()).isNotNull();
    }

    @Test
    void a409AnswersOnlyWrites_isNotRetried_andNamesTheObjectAsTheApiServerDoes() {
        ConfigMap existing = cluster.client().configMaps().inNamespace("errors").resource(configMap("taken"))
                .create();
        cluster.injectErrors(1.0, Set.of(409));
        long before = cluster.injectedErrors().get(409);

        assertThat(named.configMaps().inNamespace("errors").withName("taken").get()).isNotNull();
        assertThatThrownBy(() -> named.configMaps().inNamespace("errors").resource(configMap("fresh")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"fresh\" already exists");
                });
        assertThatThrownBy(() -> named.configMaps().inNamespace("errors").resource(existing).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });
        assertThat(cluster.injectedErrors().get(409) - before).as("one create, one replace, no retries")
                .isEqualTo(2);
        assertThat(cluster.client().configMaps().inNamespace("errors").withName("fresh").get()).isNull();
    }

    @Test
    void a429CarriesRetryAfter_andAWatchIsNeverAnsweredWithAnError() throws Exception {
        cluster.injectErrors(1.0, Set.of(429));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(cluster.url()
                        + "/api/v1/namespaces/errors/configmaps")).header(SimulatedCluster.CLIENT_HEADER, "test").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> watch = http.send(HttpRequest.newBuilder(URI.create(cluster.url()
                        + "/api/v1/namespaces/errors/configmaps?watch=true&resourceVersion=0"))
                .header(SimulatedCluster.CLIENT_HEADER, "test").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        JsonNode status = new ObjectMapper().readTree(refused.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("code").asInt()).isEqualTo(429);
        assertThat(watch.statusCode()).isEqualTo(200);
    }

    @Test
    void aFractionAnswersSomeRequestsAndServesTheRest() {
        cluster.injectErrors(0.5, Set.of(500));
        try (KubernetesClient once = namedClient(config -> config.setRequestRetryBackoffLimit(0))) {
            int failed = 0;
            for (int i = 0; i < 200; i++) {
                try {
                    once.namespaces().withName("errors").get();
                } catch (KubernetesClientException e) {
                    assertThat(e.getCode()).isEqualTo(500);
                    failed++;
                }
            }
            // Half of 200 by a fair coin: outside 50..150 happens with a probability below 1e-12.
            assertThat(failed).isBetween(50, 150);
        }
    }

    @Test
    void refusesWhatItCannotInject() {
        assertThatThrownBy(() -> cluster.injectErrors(1.5, Set.of(500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.injectErrors(0.5, Set.of(404))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.injectErrors(0.5, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static KubernetesClient namedClient(java.util.function.Consumer<Config> tuning) {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(cluster.kubeconfig()),
                    cluster.kubeconfig().toString());
            config.setCustomHeaders(Map.of(SimulatedCluster.CLIENT_HEADER, "test"));
            tuning.accept(config);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("errors").endMetadata()
                .addToData("k", "v").build();
    }
}
