package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/security/scan/{agentId}} and {@code GET /api/security/scans/{scanId}} against the ECR protocol stub. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class ScanRoutesTest extends AgentOnClusterFixture {

    @Inject
    SecurityFunctions security;

    @Inject
    SecurityEvents events;

    String digest;

    @BeforeEach
    void image() {
        RegistryStubResource.repositoryExists();
        digest = "sha256:" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        RegistryStubResource.image(digest);
    }

    ProxyResponse scan() {
        return security.scanAgent(Events.api("scanAgent").user(owner).agentId(agentId).request());
    }

    ProxyResponse get(String scanId) {
        return security.getScan(Events.api("getScan").user(owner).pathParameter("scanId", scanId).request());
    }

    List<String> eventTypes() {
        List<String> types = new ArrayList<>();
        events.recent(owner, 50).forEach(e -> types.add(e.type()));
        return types;
    }

    @Test
    void scanAgent_recommendsEachVulnerablePackageWorstFirstWithItsFixedVersion() {
        long completed = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        RegistryStubResource.scanComplete(digest, completed, "\"HIGH\":1,\"MEDIUM\":1", """
                "findings": [
                  {"name": "CVE-2024-0001", "severity": "HIGH", "attributes": [
                    {"key": "package_name", "value": "openssl"},
                    {"key": "package_version", "value": "3.0.2"}]}],
                "enhancedFindings": [
                  {"severity": "MEDIUM", "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2024-0002",
                    "vulnerablePackages": [{"name": "libxml2", "version": "2.9.14",
                                             "fixedInVersion": "2.9.14-1+deb12u1"}]}}]""");

        JsonNode body = body(scan());

        List<String> advice = new ArrayList<>();
        body.get("results").get("recommendations").forEach(r -> advice.add(r.asText()));
        assertThat(advice).startsWith(
                "Upgrade or remove openssl 3.0.2: no fixed version is known yet (HIGH: CVE-2024-0001)",
                "Upgrade libxml2 2.9.14 to 2.9.14-1+deb12u1 (MEDIUM: CVE-2024-0002)");
        assertThat(advice).anyMatch(a -> a.startsWith("Update base image to latest version"))
                .noneMatch(a -> a.startsWith("Remove unnecessary packages"));
    }

    @Test
    void scanAgent_reusesRecentFindingsAndAnswersTheSeedBody() {
        long completed = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        RegistryStubResource.scanComplete(digest, completed, "\"HIGH\":1,\"MEDIUM\":5,\"LOW\":12");

        ProxyResponse response = scan();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("agentId").asText()).isEqualTo(agentId);
        assertThat(body.get("scanId").asText()).startsWith("scan-");
        assertThat(body.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(body.get("image").asText()).isEqualTo("elizaos-agent@" + digest);
        JsonNode results = body.get("results");
        assertThat(results.get("passed").asBoolean()).isTrue();
        assertThat(results.get("vulnerabilities").get("critical").asInt()).isZero();
        assertThat(results.get("vulnerabilities").get("high").asInt()).isEqualTo(1);
        assertThat(results.get("vulnerabilities").get("medium").asInt()).isEqualTo(5);
        assertThat(results.get("vulnerabilities").get("low").asInt()).isEqualTo(12);
        List<String> advice = new ArrayList<>();
        results.get("recommendations").forEach(r -> advice.add(r.asText()));
        assertThat(advice).anyMatch(a -> a.startsWith("Update base image to latest version"))
                .anyMatch(a -> a.startsWith("Remove unnecessary packages"))
                .noneMatch(a -> a.contains("blocked"));
        assertThat(body.get("scannedAt").asText()).matches(SECOND_TIMESTAMP)
                .isEqualTo(io.agentlaunchpad.time.Timestamps.timestamp(Instant.ofEpochSecond(completed)));
        assertThat(RegistryStubResource.startScanCalls(digest)).isZero();
        assertThat(eventTypes()).doesNotContain("SECURITY_SCAN_FAILED");

        JsonNode again = body(get(body.get("scanId").asText()));
        assertThat(again.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(again.get("results").get("vulnerabilities").get("low").asInt()).isEqualTo(12);
    }

    @Test
    void scanAgent_startsAScanOnlyWhenNoneExistsAndGetScanReturnsItWhenDone() {
        RegistryStubResource.neverScanned(digest);
        ProxyResponse started = scan();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode body = body(started);
        assertThat(body.get("status").asText()).isEqualTo("IN_PROGRESS");
        String scanId = body.get("scanId").asText();
        assertThat(body.has("results")).isFalse();
        assertThat(RegistryStubResource.startScanCalls(digest)).isEqualTo(1);

        RegistryStubResource.scanInProgress(digest);
        assertThat(body(scan()).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(body(get(scanId)).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(RegistryStubResource.startScanCalls(digest)).isEqualTo(1);

        RegistryStubResource.scanComplete(digest, Instant.now().getEpochSecond(), "\"LOW\":2");
        JsonNode done = body(get(scanId));
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("scanId").asText()).isEqualTo(scanId);
        assertThat(done.get("results").get("passed").asBoolean()).isTrue();
    }

    @Test
    void scanAgent_findingsOlderThanTheScanLimitStartANewScan() {
        RegistryStubResource.scanComplete(digest, Instant.now().minus(Duration.ofHours(30)).getEpochSecond(), "\"LOW\":1");
        ProxyResponse response = scan();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(body(response).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(RegistryStubResource.startScanCalls(digest)).isEqualTo(1);
    }

    @Test
    void scanAgent_failingThePolicyRecordsOneSecurityScanFailedEvent() {
        RegistryStubResource.scanComplete(digest, Instant.now().getEpochSecond(), "\"CRITICAL\":2,\"HIGH\":1");
        JsonNode body = body(scan());
        assertThat(body.get("results").get("passed").asBoolean()).isFalse();
        assertThat(body.get("results").get("reason").asText()).contains("2 critical");
        List<String> advice = new ArrayList<>();
        body.get("results").get("recommendations").forEach(r -> advice.add(r.asText()));
        assertThat(advice).anyMatch(a -> a.contains("blocked"));
        scan(); // the same scan reported again is still one event
        assertThat(eventTypes()).containsExactly("SECURITY_SCAN_FAILED");
        var event = events.recent(owner, 1).get(0);
        assertThat(event.severity()).isEqualTo("HIGH");
        assertThat(event.agentId()).isEqualTo(agentId);
        assertThat(event.details().get("scanId")).isEqualTo(body.get("scanId").asText());
    }

    @Test
    void getScan_refusesIdsItDidNotIssueAndOtherOwnersScans() {
        assertThat(fields(get("scan-789xyz"))).containsExactly("scanId");
        RegistryStubResource.scanComplete(digest, Instant.now().getEpochSecond(), "\"LOW\":1");
        String scanId = body(scan()).get("scanId").asText();
        error(security.getScan(Events.api("getScan").user("user-other").pathParameter("scanId", scanId).request()),
                404, "NOT_FOUND");
        error(security.scanAgent(Events.api("scanAgent").user("user-other").agentId(agentId).request()), 404,
                "AGENT_NOT_FOUND");
    }
    @Test
    void getScan_aHandMadeIdForAnImageTheAgentDoesNotRunIsNotFoundAndRecordsNothing() {
        long now = Instant.now().getEpochSecond();
        RegistryStubResource.scanComplete(digest, now, "\"LOW\":1");
        String issued = body(scan()).get("scanId").asText();
        String repository = new String(java.util.Base64.getUrlDecoder().decode(issued.substring(5)),
                java.nio.charset.StandardCharsets.UTF_8).split("\\|")[1];
        String vulnerable = "sha256:" + "f".repeat(64);
        RegistryStubResource.scanComplete(vulnerable, now, "\"CRITICAL\":3");

        error(get(handMade(agentId + "|" + repository + "|" + vulnerable)), 404, "NOT_FOUND");
        error(get(handMade(agentId + "|other-repository|" + digest)), 404, "NOT_FOUND");
        assertThat(eventTypes()).doesNotContain("SECURITY_SCAN_FAILED");
        assertThat(body(get(issued)).get("status").asText()).isEqualTo("COMPLETED");
    }

    static String handMade(String content) {
        return "scan-" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
