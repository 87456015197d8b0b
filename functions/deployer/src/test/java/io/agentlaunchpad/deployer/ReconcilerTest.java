package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class ReconcilerTest extends DeployerFixture {

    @Test
    void objectsDeletedOrChangedByHand_areRestoredAndReported() {
        String owner = newUser();
        String agentId = deployed(owner);
        String ns = namespace(owner);
        kube.services().inNamespace(ns).withName(agentId).delete();
        kube.configMaps().inNamespace(ns).withName(agentId + "-character").delete();
        kube.apps().deployments().inNamespace(ns).withName(agentId).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                    .setAllowPrivilegeEscalation(true);
            return d;
        });

        Reconciler.Report report = functions.reconcile();

        assertThat(report.repaired()).contains(agentId);
        assertThat(kube.services().inNamespace(ns).withName(agentId).get()).isNotNull();
        assertThat(kube.configMaps().inNamespace(ns).withName(agentId + "-character").get()).isNotNull();
        Deployment deployment = kube.apps().deployments().inNamespace(ns).withName(agentId).get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                .getAllowPrivilegeEscalation()).isFalse();
        assertThat(events.recent(owner, 200)).anySatisfy(e -> {
            assertThat(e.agentId()).isEqualTo(agentId);
            assertThat(e.type()).isEqualTo("DRIFT_REPAIRED");
        });
    }

    @Test
    void podsFailingAfterDeploy_failTheAgentWithTheReasonAndAnEvent() {
        String owner = newUser();
        String agentId = deployed(owner);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.CRASH_LOOP_BACK_OFF);

        Reconciler.Report report = functions.reconcile();

        assertThat(report.failed()).contains(agentId);
        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("CrashLoopBackOff:");
        assertThat(events.recent(owner, 200)).anySatisfy(e -> {
            assertThat(e.agentId()).isEqualTo(agentId);
            assertThat(e.type()).isEqualTo("AGENT_FAILING");
        });
    }

    @Inject
    DriftRepair drift;

    @Inject
    Deployer deployer;

    @Inject
    io.agentlaunchpad.cluster.Cluster cluster;

    private static final String GENERATION = io.agentlaunchpad.cluster.kubernetes.AgentDeployment.GENERATION;

    private String appliedGeneration(String owner, String agentId) {
        return kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get().getMetadata()
                .getAnnotations().get(GENERATION);
    }

    /** The agent as read before a change that the deployer has since applied (the next generation). */
    private Agent readBeforeAnAppliedChange(String owner, String agentId) {
        Agent before = agent(agentId);
        agents.update(user(owner), agentId, io.agentlaunchpad.json.Json.MAPPER.createObjectNode()
                .put("description", "changed after it was read"), null, "req-change");
        queue.deliverReady();
        assertThat(appliedGeneration(owner, agentId)).isEqualTo(Long.toString(before.generation() + 1));
        return before;
    }

    @Test
    void aSweepThatReadTheAgentBeforeAChange_doesNotPutTheOlderGenerationBack() {
        String owner = newUser();
        String agentId = deployed(owner);
        Agent readBySweep = readBeforeAnAppliedChange(owner, agentId);

        assertThat(drift.check(readBySweep)).isEqualTo(DriftRepair.Result.IN_SYNC);

        assertThat(appliedGeneration(owner, agentId)).isEqualTo(Long.toString(readBySweep.generation() + 1));
    }

    @Test
    void anOlderGenerationPutBackUnderARollout_isAppliedAgainNotReportedDeployed() {
        String owner = newUser();
        String agentId = deployed(owner);
        Agent older = readBeforeAnAppliedChange(owner, agentId);
        // what a stale writer does: the older generation's objects over the newer ones
        cluster.applyAgent(deployer.workload(older, namespace(owner), kube.apps().deployments()
                .inNamespace(namespace(owner)).withName(agentId).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()));
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);

        queue.deliverNext();

        assertThat(agent(agentId).status()).isNotEqualTo(AgentStatus.DEPLOYED);
        assertThat(appliedGeneration(owner, agentId)).isEqualTo(Long.toString(older.generation() + 1));
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(agent(agentId).generation()).isEqualTo(older.generation() + 1);
    }

    @Test
    void aDeployedAgentInSync_isLeftAlone() {
        String owner = newUser();
        String agentId = deployed(owner);
        long version = agent(agentId).version();

        Reconciler.Report report = functions.reconcile();

        assertThat(report.repaired()).doesNotContain(agentId);
        assertThat(report.failed()).doesNotContain(agentId);
        assertThat(agent(agentId).version()).isEqualTo(version);
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
    }

    @ParameterizedTest
    @EnumSource(value = AgentStatus.class, names = {"QUEUED", "DEPLOYING", "UPDATING"})
    void anAgentInFlightPastTheProgressDeadline_isFailedNotLeftStuck(AgentStatus stuck) {
        String owner = newUser();
        String agentId = create(owner);
        queue.purge();
        Agent created = agent(agentId);
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        store.replace(new Agent(created.agentId(), created.owner(), created.spec(), created.sealedPlatforms(),
                created.platformView(), stuck, null, created.generation(), created.version() + 1, 0,
                created.createdAt(), longAgo, null, null), created.version());

        Reconciler.Report report = functions.reconcile();

        assertThat(report.failed()).contains(agentId);
        Agent failed = agent(agentId);
        assertThat(failed.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("ProgressDeadlineExceeded:").contains(stuck.name());
    }
}
