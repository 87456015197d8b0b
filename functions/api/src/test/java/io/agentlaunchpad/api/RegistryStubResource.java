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

    static final String REGISTRY = "123456789012";

    private static com.github.tomakehurst.wiremock.client.MappingBuilder operation(String name, String digestPath,
                                                                                   String digest) {
        var builder = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + name));
        return digestPath == null ? builder : builder.withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(digestPath, equalTo(digest)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** The default image ({@code elizaos-agent:1.4.4}) resolves to {@code digest}. */
    static void image(String digest) {
        server.stubFor(operation("DescribeImages", "$.imageIds[0].imageTag", "1.4.4")
                .willReturn(json(200, "{\"imageDetails\":[{\"registryId\":\"" + REGISTRY
                        + "\",\"repositoryName\":\"elizaos-agent\",\"imageDigest\":\"" + digest
                        + "\",\"imageTags\":[\"1.4.4\"]}]}")));
    }

    static void neverScanned(String digest) {
        server.stubFor(operation("DescribeImageScanFindings", "$.imageId.imageDigest", digest)
                .willReturn(json(400, "{\"__type\":\"ScanNotFoundException\",\"message\":\"no scan\"}")));
        server.stubFor(operation("StartImageScan", "$.imageId.imageDigest", digest)
                .willReturn(json(200, "{\"registryId\":\"" + REGISTRY + "\",\"imageId\":{\"imageDigest\":\""
                        + digest + "\"},\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
    }

    static void scanInProgress(String digest) {
        server.stubFor(operation("DescribeImageScanFindings", "$.imageId.imageDigest", digest)
                .willReturn(json(200, "{\"registryId\":\"" + REGISTRY + "\",\"imageId\":{\"imageDigest\":\""
                        + digest + "\"},\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
    }

    static void scanComplete(String digest, long completedAt, String severityCounts) {
        scanComplete(digest, completedAt, severityCounts, "\"findings\":[]");
    }

    /** {@code findings}: the {@code findings} and {@code enhancedFindings} members as ECR writes them. */
    static void scanComplete(String digest, long completedAt, String severityCounts, String findings) {
        scanCompleteAt(digest, "\"imageScanCompletedAt\":" + completedAt + ",", severityCounts, findings);
    }

    /** A completed scan whose findings do not say when it completed. */
    static void scanCompleteWithoutTime(String digest, String severityCounts) {
        scanCompleteAt(digest, "", severityCounts, "\"findings\":[]");
    }

    private static void scanCompleteAt(String digest, String completedAtMember, String severityCounts,
                                       String findings) {
        server.stubFor(operation("DescribeImageScanFindings", "$.imageId.imageDigest", digest)
                .willReturn(json(200, "{\"registryId\":\"" + REGISTRY + "\",\"imageId\":{\"imageDigest\":\""
                        + digest + "\"},\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindings\":{"
                        + completedAtMember + "\"findingSeverityCounts\":{" + severityCounts
                        + "}," + findings + "}}")));
        server.stubFor(operation("StartImageScan", "$.imageId.imageDigest", digest)
                .willReturn(json(200, "{\"registryId\":\"" + REGISTRY + "\",\"imageId\":{\"imageDigest\":\""
                        + digest + "\"},\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
    }

    static int startScanCalls(String digest) {
        return server.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "StartImageScan"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.imageId.imageDigest", equalTo(digest))).build()).getCount();
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
