package io.agentlaunchpad.scan;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * ECR at the protocol level (AWS JSON 1.1: a POST to {@code /} naming the operation in {@code X-Amz-Target}),
 * answered the way ECR answers, for the real ECR client. Only the three operations the deployer calls.
 */
public final class EcrStub implements AutoCloseable {

    public static final String REGISTRY = "123456789012";
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    private final WireMockServer server;

    private EcrStub(WireMockServer server) {
        this.server = server;
    }

    public static EcrStub start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        server.start();
        return new EcrStub(server);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    public void reset() {
        server.resetAll();
    }

    /** {@code repository:tag} resolves to {@code digest}. */
    public EcrStub image(String repository, String tag, String digest) {
        server.stubFor(operation("DescribeImages")
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)))
                .withRequestBody(matchingJsonPath("$.imageIds[0].imageTag", equalTo(tag)))
                .willReturn(json(200, "{\"imageDetails\":[{\"registryId\":\"" + REGISTRY + "\",\"repositoryName\":\""
                        + repository + "\",\"imageDigest\":\"" + digest + "\",\"imageTags\":[\"" + tag + "\"]}]}")));
        return this;
    }

    public EcrStub repositoryMissing(String repository) {
        server.stubFor(operation("DescribeImages")
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)))
                .willReturn(error("RepositoryNotFoundException", "The repository with name '" + repository
                        + "' does not exist in the registry with id '" + REGISTRY + "'")));
        return this;
    }

    /** The registry fails on everything about this repository. */
    public EcrStub broken(String repository) {
        server.stubFor(operation("DescribeImages")
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)))
                .willReturn(json(500, "{\"__type\":\"ServerException\",\"message\":\"internal error\"}")));
        return this;
    }

    /** Never scanned: DescribeImageScanFindings answers ScanNotFoundException; StartImageScan starts one. */
    public EcrStub neverScanned(String digest) {
        server.stubFor(findings(digest).willReturn(error("ScanNotFoundException",
                "Image scan does not exist for the image with '{imageDigest:" + digest + "}'")));
        server.stubFor(operation("StartImageScan")
                .withRequestBody(matchingJsonPath("$.imageId.imageDigest", equalTo(digest)))
                .willReturn(json(200, "{\"registryId\":\"" + REGISTRY + "\",\"imageId\":{\"imageDigest\":\""
                        + digest + "\"},\"imageScanStatus\":{\"status\":\"IN_PROGRESS\"}}")));
        return this;
    }

    public EcrStub scanInProgress(String digest) {
        server.stubFor(findings(digest).willReturn(json(200, "{\"registryId\":\"" + REGISTRY
                + "\",\"imageId\":{\"imageDigest\":\"" + digest + "\"},\"imageScanStatus\":{\"status\":\"IN_PROGRESS\","
                + "\"description\":\"The scan is in progress.\"}}")));
        return this;
    }

    public EcrStub scanComplete(String digest, Map<String, Integer> severityCounts) {
        String counts = severityCounts.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(","));
        server.stubFor(findings(digest).willReturn(json(200, "{\"registryId\":\"" + REGISTRY
                + "\",\"imageId\":{\"imageDigest\":\"" + digest + "\"},\"imageScanStatus\":{\"status\":\"COMPLETE\","
                + "\"description\":\"The scan was completed successfully.\"},\"imageScanFindings\":{"
                + "\"imageScanCompletedAt\":1705314600,\"vulnerabilitySourceUpdatedAt\":1705300000,"
                + "\"findingSeverityCounts\":{" + counts + "},\"findings\":[]}}")));
        return this;
    }

    public int startScanCalls(String digest) {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + "StartImageScan"))
                .withRequestBody(matchingJsonPath("$.imageId.imageDigest", equalTo(digest))).build()).getCount();
    }

    private static MappingBuilder findings(String digest) {
        return operation("DescribeImageScanFindings")
                .withRequestBody(matchingJsonPath("$.imageId.imageDigest", equalTo(digest)));
    }

    private static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + name));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }

    private static ResponseDefinitionBuilder error(String type, String message) {
        return json(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
    }

    @Override
    public void close() {
        server.stop();
    }

}
