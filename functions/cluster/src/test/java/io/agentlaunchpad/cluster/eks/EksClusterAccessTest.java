package io.agentlaunchpad.cluster.eks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.client.Config;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** EKS mode: endpoint and CA from eks:DescribeCluster (the real EKS client against a REST-JSON stub), IAM token. */
class EksClusterAccessTest {

    WireMockServer eksApi;
    EksClient eks;

    @BeforeEach
    void startEksStub() {
        eksApi = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        eksApi.start();
        eksApi.stubFor(get(urlEqualTo("/clusters/launchpad-prod")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"cluster\":{\"name\":\"launchpad-prod\",\"endpoint\":\"https://ABC123.gr7.eu-west-1.eks"
                        + ".amazonaws.com\",\"certificateAuthority\":{\"data\":\"TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0\"},"
                        + "\"status\":\"ACTIVE\"}}")));
        eks = EksClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + eksApi.port()))
                .region(Region.EU_WEST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials()).build();
    }

    @AfterEach
    void stop() {
        eks.close();
        eksApi.stop();
    }

    @Test
    void eksMode_pointsTheClientAtTheDescribedClusterWithAnIamToken() {
        Config client = new ConfigBuilder().withMasterUrl("https://kubeconfig.example:6443").build();

        new EksClusterAccess(settings("eks", Optional.empty()), eks, credentials(), Region.EU_WEST_1,
                Clock.systemUTC()).customize(client);

        assertThat(client.getMasterUrl()).startsWith("https://ABC123.gr7.eu-west-1.eks.amazonaws.com");
        assertThat(client.getCaCertData()).isEqualTo("TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0");
        assertThat(client.getOauthTokenProvider().getToken()).startsWith("k8s-aws-v1.");
        eksApi.verify(1, getRequestedFor(urlEqualTo("/clusters/launchpad-prod")));
    }

    @Test
    void eksMode_withConfiguredEndpointAndCa_doesNotCallEks() {
        Config client = new ConfigBuilder().build();

        new EksClusterAccess(settings("eks", Optional.of("https://configured.example")), eks, credentials(),
                Region.EU_WEST_1, Clock.systemUTC()).customize(client);

        assertThat(client.getMasterUrl()).startsWith("https://configured.example");
        eksApi.verify(0, getRequestedFor(urlEqualTo("/clusters/launchpad-prod")));
    }

    @Test
    void eksMode_asInjected_buildsItsOwnEksClientFromTheSettingsAndTheDefaultCredentialChain() {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
        try {
            Config client = new ConfigBuilder().build();

            new EksClusterAccess(settings("eks", Optional.empty(), Map.of(
                    "launchpad.cluster.eks.region", "eu-west-1",
                    "launchpad.cluster.eks.api-endpoint-override", "http://127.0.0.1:" + eksApi.port())),
                    Clock.systemUTC()).customize(client);

            assertThat(client.getMasterUrl()).startsWith("https://ABC123.gr7.eu-west-1.eks.amazonaws.com");
            assertThat(client.getOauthTokenProvider().getToken()).startsWith("k8s-aws-v1.");
            eksApi.verify(1, getRequestedFor(urlEqualTo("/clusters/launchpad-prod")));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void kubeconfigMode_leavesTheClientConfigurationAlone() {
        Config client = new ConfigBuilder().withMasterUrl("https://kind.local:6443").build();

        new EksClusterAccess(settings("kubeconfig", Optional.empty()), eks, credentials(), Region.EU_WEST_1,
                Clock.systemUTC()).customize(client);

        assertThat(client.getMasterUrl()).startsWith("https://kind.local:6443");
        assertThat(client.getOauthTokenProvider()).isNull();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    static ClusterConfig settings(String mode, Optional<String> endpoint) {
        return settings(mode, endpoint, Map.of());
    }

    /** The real mapping, built from properties as Quarkus builds it (its duration syntax too), with its defaults. */
    static ClusterConfig settings(String mode, Optional<String> endpoint, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("launchpad.cluster.mode", mode);
        properties.put("launchpad.cluster.eks.cluster-name", "launchpad-prod");
        endpoint.ifPresent(url -> {
            properties.put("launchpad.cluster.eks.endpoint", url);
            properties.put("launchpad.cluster.eks.certificate-authority-data", "Q0E=");
        });
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(ClusterConfig.class).build();
        return config.getConfigMapping(ClusterConfig.class);
    }
}
