package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.agentlaunchpad.api.OpenApiAnswers.assertDocumented;
import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan and security-event answers, produced by the functions on the emulators and the ECR stub, checked against
 * {@code openapi.yaml} (see {@link OpenApiAnswers}).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class SecurityContractTest extends AgentOnClusterFixture {

    @Inject
    SecurityFunctions security;

    @Inject
    LaunchpadConfig config;

    @Inject
    DynamoDbClient dynamo;

    @BeforeEach
    void registry() {
        RegistryStubResource.repositoryExists();
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
        Instant completed = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        RegistryStubResource.scanComplete(digest, completed.getEpochSecond(), "\"LOW\":1");
        assertThat(body(scan()).get("scannedAt").asText()).isEqualTo(completed.toString());

        String other = digest();
        RegistryStubResource.image(other);
        RegistryStubResource.scanCompleteWithoutTime(other, "\"LOW\":2");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
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
                    .record(SecurityEventType.SECURITY_SCAN_FAILED, "HIGH", owner, i == 3 ? null : agentId,
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
}
