package io.agentlaunchpad.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * ECR's DescribeRepositories at the protocol level (AWS JSON 1.1) for the health route's registry probe: the
 * default repository exists. Points {@code launchpad.registry.*} at it.
 */
public class RegistryStubResource implements QuarkusTestResourceLifecycleManager {

    static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static volatile WireMockServer server;

    static WireMockServer server() {
        return server;
    }

    static void repositoryExists() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"repositories\":[{\"repositoryName\":\"elizaos-agent\",\"registryId\":"
                                + "\"123456789012\",\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                                + "elizaos-agent\"}]}")));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        repositoryExists();
        return Map.of("launchpad.registry.endpoint-override", server.baseUrl(),
                "launchpad.registry.region", "us-east-1",
                "launchpad.registry.access-key-id", "test",
                "launchpad.registry.secret-access-key", "test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
