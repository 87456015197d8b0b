package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.AgentViews;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** GET status's health block, read from the live cluster through the AgentService the API uses. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class LiveHealthTest extends DeployerFixture {

    @Test
    void status_readyPods_areHealthyWithReplicasAndUptime() {
        String owner = newUser();
        String agentId = deployed(owner);

        AgentViews.Status status = agents.status(user(owner), agentId);

        assertThat(status.status()).isEqualTo("DEPLOYED");
        assertThat(status.health().overall()).isEqualTo("HEALTHY");
        assertThat(status.health().kubernetes().status()).isEqualTo("HEALTHY");
        assertThat(status.health().kubernetes().replicas()).isEqualTo(1);
        assertThat(status.health().kubernetes().readyReplicas()).isEqualTo(1);
        assertThat(status.health().application().status()).isEqualTo("HEALTHY");
        assertThat(status.health().application().uptime()).matches("^\\d+(s|m)$");
        assertThat(status.deployedAt()).isNotNull();
        assertThat(status.lastUpdated()).isNotNull();
    }

    @Test
    void status_podsCrashingAfterDeploy_areUnhealthyBeforeTheRecordKnows() {
        String owner = newUser();
        String agentId = deployed(owner);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.CRASH_LOOP_BACK_OFF);

        AgentViews.Status status = agents.status(user(owner), agentId);

        assertThat(status.health().overall()).isEqualTo("UNHEALTHY");
        assertThat(status.health().kubernetes().readyReplicas()).isZero();
        assertThat(status.health().application().status()).isEqualTo("UNHEALTHY");
    }

    @Test
    void status_someReplicasReady_isDegraded() {
        String owner = newUser();
        String agentId = deployed(owner);
        agents.scale(user(owner), agentId, Json.MAPPER.createObjectNode().put("replicas", 3), null, "req");
        queue.deliverReady();
        kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).editStatus(d -> {
            d.getStatus().setReadyReplicas(1);
            return d;
        });

        AgentViews.Status status = agents.status(user(owner), agentId);

        assertThat(status.health().kubernetes().status()).isEqualTo("DEGRADED");
        assertThat(status.health().kubernetes().replicas()).isEqualTo(3);
        assertThat(status.health().overall()).isEqualTo("DEGRADED");
    }

    @Test
    void status_scaledToZero_saysStopped() {
        String owner = newUser();
        String agentId = deployed(owner);
        agents.scale(user(owner), agentId, Json.MAPPER.createObjectNode().put("replicas", 0), null, "req");
        queue.deliverReady();

        AgentViews.Status status = agents.status(user(owner), agentId);

        assertThat(status.status()).isEqualTo("STOPPED");
        assertThat(status.health().overall()).isEqualTo("STOPPED");
        assertThat(status.health().kubernetes().replicas()).isZero();
    }
}
