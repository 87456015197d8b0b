package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.kubernetes.KubernetesCluster;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** At-least-once delivery: duplicates, stale and out-of-order commands, crashes, and the DLQ after the limit. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class RedeliveryTest extends DeployerFixture {

    @Inject
    DeployQueue deployQueue;

    @Inject
    ClusterConfig clusterConfig;

    @Inject
    DeployerConfig deployerConfig;


    @Test
    void duplicateDeploy_endsInOneDeploymentAndTheSameRecord() {
        String owner = newUser();
        String agentId = create(owner);
        Agent created = agent(agentId);
        DeployCommand duplicate = new DeployCommand(CommandType.DEPLOY, agentId, created.generation(), "dup",
                "2026-01-01T00:00:00Z");
        deployQueue.send(duplicate);

        queue.deliverReady();
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();

        Agent deployed = agent(agentId);
        assertThat(deployed.status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("agent-id", agentId).list().getItems())
                .hasSize(1);

        deployQueue.send(duplicate);
        queue.deliverReady();

        Agent after = agent(agentId);
        assertThat(after.version()).as("a late duplicate writes nothing").isEqualTo(deployed.version());
        assertThat(after.status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(queue.failures).isZero();
    }

    @Test
    void outOfOrder_theOlderGenerationIsSkippedAndTheNewestDesiredStateIsApplied() {
        String owner = newUser();
        String agentId = create(owner);
        agents.scale(user(owner), agentId, Json.MAPPER.createObjectNode().put("replicas", 3), null, "req-scale");

        queue.deliverReady();

        assertThat(kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get()
                .getSpec().getReplicas()).isEqualTo(3);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        Agent deployed = agent(agentId);
        assertThat(deployed.status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(deployed.readyReplicas()).isEqualTo(3);

        deployQueue.send(new DeployCommand(CommandType.DEPLOY, agentId, 1, "late", "2026-01-01T00:00:00Z"));
        queue.deliverReady();
        assertThat(agent(agentId).version()).isEqualTo(deployed.version());
        assertThat(kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get()
                .getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void crashAfterApplyBeforeTheRecordWrite_isFinishedByTheRedelivery() {
        QuarkusMock.installMockForType(new CrashingOnce(kube, clusterConfig), KubernetesCluster.class);
        String owner = newUser();
        String agentId = create(owner);

        queue.deliverReady();

        assertThat(queue.failures).as("the first delivery crashed").isEqualTo(1);
        Agent applying = agent(agentId);
        assertThat(applying.status()).isEqualTo(AgentStatus.DEPLOYING);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("agent-id", agentId).list().getItems())
                .hasSize(1);
        assertThat(kube.secrets().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).hasSize(1);
    }

    @Test
    void failingEveryAttempt_movesTheCommandToTheDlqAndTheAgentToFailedWithAnEvent() {
        String owner = newUser();
        String agentId = createWith(owner, "@elizaos/plugin-ollama");

        queue.deliverReady();

        assertThat(queue.failures).isEqualTo(deployerConfig.maxReceiveCount());
        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("DEPLOYMENT_FAILED:").contains("5 attempts")
                .contains("dead-letter queue");
        assertThat(queue.dlq()).anySatisfy(m -> assertThat(m.body()).contains(agentId));
        assertThat(events.recent(owner, 100)).anySatisfy(e -> {
            assertThat(e.agentId()).isEqualTo(agentId);
            assertThat(e.type()).isEqualTo("DEPLOYMENT_FAILED");
        });
    }

    /** The deployer dies right after its first apply, before it writes the record: the Lambda timed out. */
    static final class CrashingOnce extends CrudMockCluster {
        private boolean crashed;

        CrashingOnce(KubernetesClient client, ClusterConfig config) {
            super(client, config);
        }

        @Override
        public void applyAgent(AgentWorkload workload) {
            super.applyAgent(workload);
            if (!crashed) {
                crashed = true;
                throw new IllegalStateException("simulated crash after apply");
            }
        }
    }
}
