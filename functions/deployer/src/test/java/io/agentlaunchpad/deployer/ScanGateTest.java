package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class ScanGateTest extends DeployerFixture {

    @Test
    void passingScan_isReusedAndNeverRestarted() {
        String owner = newUser();
        deployed(owner);

        assertThat(ecr.startScanCalls(CLEAN_DIGEST)).isZero();
    }

    @Test
    void blockedScan_leavesNothingRunningFailsTheAgentAndRecordsAHighEvent() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-knowledge");

        queue.deliverReady();

        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("SECURITY_SCAN_FAILED: ").contains("2 critical");
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.secrets().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        SecurityEvent event = events.recent(owner, 50).stream().filter(e -> agentId.equals(e.agentId())).findFirst()
                .orElseThrow();
        assertThat(event.type()).isEqualTo("SECURITY_SCAN_FAILED");
        assertThat(event.severity()).isEqualTo("HIGH");
        assertThat(event.message()).isEqualTo("Container security scan failed");
        assertThat(event.id()).startsWith("event-");
        assertThat(event.timestamp().toString()).matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
        assertThat(String.valueOf(event.details().get("scanId"))).contains(BLOCKED_DIGEST);
        assertThat(String.valueOf(event.details().get("reason"))).contains("2 critical");
    }

    @Test
    void createAgent_withAnImageAlreadyKnownBlocked_isRefusedAtOnceWith422() {
        String owner = newUser();
        createWith(owner, "@elizaos/plugin-knowledge");
        queue.deliverReady();

        assertThatThrownBy(() -> createWith(owner, "@elizaos/plugin-knowledge"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SECURITY_SCAN_FAILED);
                    assertThat(e.code().status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("2 critical");
                });
        String clean = createWith(owner, "@elizaos/plugin-web3");
        assertThat(agent(clean).status()).as("other images are not affected").isEqualTo(AgentStatus.QUEUED);
    }

    @Test
    void blockedScan_redeliveredRecordsTheEventOnce() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-knowledge");
        Agent queued = agent(agentId);

        functions.deploy(message(queued));
        functions.deploy(message(queued));

        assertThat(events.recent(owner, 100).stream().filter(e -> agentId.equals(e.agentId()))).hasSize(1);
    }

    @Test
    void scanInProgress_startsOneScanWaitsWithChecksAndDeploysOnceItPasses() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-openrouter");

        queue.deliverReady();

        Agent waiting = agent(agentId);
        assertThat(waiting.status()).isEqualTo(AgentStatus.QUEUED);
        assertThat(waiting.statusReason()).contains("Waiting for the security scan").contains(SCANNING_DIGEST);
        assertThat(ecr.startScanCalls(SCANNING_DIGEST)).isEqualTo(1);
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();

        ecr.scanInProgress(SCANNING_DIGEST);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.QUEUED);
        assertThat(ecr.startScanCalls(SCANNING_DIGEST)).as("never a second scan while one runs").isEqualTo(1);

        ecr.scanComplete(SCANNING_DIGEST, Map.of("HIGH", 2));
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYING);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(ecr.startScanCalls(SCANNING_DIGEST)).isEqualTo(1);
    }

    @Test
    void scanStillRunningPastTheProgressDeadline_failsTheAgent() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-openrouter");
        ecr.scanInProgress(SCANNING_DIGEST);
        Agent created = agent(agentId);
        store.replace(new Agent(created.agentId(), created.owner(), created.spec(), created.sealedPlatforms(),
                created.platformView(), created.status(), null, created.generation(), created.version() + 1, 0,
                created.createdAt(), java.time.Instant.now().minus(java.time.Duration.ofHours(1)), null, null),
                created.version());

        queue.deliverReady();

        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("ProgressDeadlineExceeded:").contains("security scan");
    }

    @Test
    void imageMissingFromTheRegistry_failsWithAReasonInsteadOfRetrying() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-anthropic");

        queue.deliverReady();

        assertThat(queue.failures).isZero();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(agentId).statusReason()).contains("elizaos-anthropic:1.0").contains("catalogue");
    }

    static com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message(Agent agent) {
        return message(agent.agentId(), "DEPLOY", agent.generation());
    }

    /** An SQS record carrying one command, as Lambda hands it to the function. */
    static com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message(String agentId, String type,
                                                                                   long generation) {
        var message = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody("{\"type\":\"" + type + "\",\"agentId\":\"" + agentId + "\",\"generation\":"
                + generation + ",\"requestId\":\"r\",\"issuedAt\":\"2026-01-01T00:00:00Z\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }
}
