package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.emulators.SimulatedKubelet.Outcome;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class FailureReasonsTest extends DeployerFixture {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "IMAGE_PULL_BACK_OFF, ImagePullBackOff:",
            "CRASH_LOOP_BACK_OFF, CrashLoopBackOff:",
            "OOM_KILLED, OOMKilled:",
            "UNSCHEDULABLE, Unschedulable:",
            "QUOTA_EXCEEDED, Quota exceeded:"})
    void check_failsTheAgentWithAReasonReadFromPodAndDeploymentStatus(Outcome outcome, String reasonStart) {
        String owner = newUser();
        String agentId = rolledOut(owner, outcome);

        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith(reasonStart);
        assertThat(failed.readyReplicas()).isZero();
        assertThat(failed.deployedAt()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OOM_KILLED, 1Gi memory limit"})
    void oomKilled_namesTheMemoryLimitToRaise(Outcome outcome, String mention) {
        String owner = newUser();
        String agentId = rolledOut(owner, outcome);

        assertThat(agent(agentId).statusReason()).contains(mention).contains("resources.memory");
    }
}
