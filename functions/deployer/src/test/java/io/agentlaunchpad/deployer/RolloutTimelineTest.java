package io.agentlaunchpad.deployer;

import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.timeline.TimelineService;
import io.agentlaunchpad.timeline.TimelineViews;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** What the api and the deployer record as they work, read back as the listAgentEvents route shows it. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class RolloutTimelineTest extends DeployerFixture {

    @Inject
    TimelineService timeline;

    private List<TimelineViews.Entry> entries(String owner, String agentId) {
        return timeline.list(user(owner), agentId, 100, null).events();
    }

    private List<String> types(String owner, String agentId) {
        return entries(owner, agentId).stream().map(TimelineViews.Entry::type).toList();
    }

    @Test
    void aSuccessfulRollout_queuedScanAppliedDeployed_newestFirst_andARedeliveredCheckAddsNothing() {
        String owner = newUser();
        String agentId = deployed(owner);
        // the same follow-up delivered again sees the same state: no second entry
        deployer.resume(agent(agentId));

        assertThat(types(owner, agentId)).containsExactly("DEPLOYED", "APPLIED", "SCAN_REUSED", "QUEUED");
        List<TimelineViews.Entry> entries = entries(owner, agentId);
        assertThat(entries).allSatisfy(e -> assertThat(e.revision()).isEqualTo(1));
        assertThat(entries.get(0).message()).isEqualTo("1/1 replicas ready: DEPLOYED");
        assertThat(entries.get(2).message()).contains(CLEAN_DIGEST).contains("passed (1 high, 5 medium, 12 low)");
    }

    @Test
    void aBlockedScan_endsInScanBlockedAndFailed_withNothingApplied() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-knowledge");
        queue.deliverReady();

        assertThat(types(owner, agentId)).containsExactly("FAILED", "SCAN_BLOCKED", "QUEUED");
        assertThat(entries(owner, agentId).get(1).message()).contains(BLOCKED_DIGEST).contains("2 critical");
        assertThat(entries(owner, agentId).get(0).message()).startsWith("SECURITY_SCAN_FAILED: ");
    }

    @Test
    void aCrashLoop_endsInFailedQuotingTheLastLines_butNeverTheAgentsSecrets() {
        String owner = newUser();
        String discordToken = "discord-token-" + UUID.randomUUID();
        String agentId = appliedWith(owner, discordToken);
        kubelet.rollOut(namespace(owner), agentId, Outcome.CRASH_LOOP_BACK_OFF);
        lastWords(namespace(owner), agentId, "[discord] logging in with " + discordToken + "\nfatal: login refused");
        queue.deliverNext();

        assertThat(types(owner, agentId)).containsExactly("FAILED", "APPLIED", "SCAN_REUSED", "QUEUED");
        String reason = entries(owner, agentId).get(0).message();
        assertThat(reason).startsWith("CrashLoopBackOff: ").contains("fatal: login refused")
                .contains("logging in with ********").doesNotContain(discordToken);
        assertThat(agent(agentId).statusReason()).as("the status shows the same").isEqualTo(reason);
    }

    @Test
    void aDeletedAgentsTimelineEndsInDeleted_andStaysReadableByItsOwnerOnly() {
        String owner = newUser();
        String agentId = deployed(owner);
        agents.delete(user(owner), agentId, null, "req-delete");
        queue.deliverReady();

        assertThat(store.find(agentId)).isEmpty();
        assertThat(types(owner, agentId)).containsExactly("DELETED", "QUEUED", "DEPLOYED", "APPLIED",
                "SCAN_REUSED", "QUEUED");
        assertThat(entries(owner, agentId).get(1).message()).isEqualTo("Deletion queued");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> entries(newUser(), agentId))
                .hasMessageContaining(agentId);
    }

    @Inject
    Deployer deployer;

    /** The container's termination message, as FallbackToLogsOnError makes it from the log's tail. */
    private void lastWords(String namespace, String agentId, String message) {
        for (Pod pod : kube.pods().inNamespace(namespace).withLabel("agent-id", agentId).list().getItems()) {
            pod.getStatus().getContainerStatuses().forEach(c -> c.setLastState(new ContainerStateBuilder(
                    c.getLastState()).editTerminated().withMessage(message).endTerminated().build()));
            kube.pods().inNamespace(namespace).resource(pod).updateStatus();
        }
    }
}
