package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/agents/{agentId}/status} through the route function: its {@code health} block comes from the live
 * cluster (the cluster library's KubernetesLiveHealth, wired into this Lambda), and from the record only where the
 * cluster has nothing for the agent yet.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
class AgentStatusLiveHealthTest extends AgentOnClusterFixture {

    void deployment(int replicas) {
        kube.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName(agentId).withNamespace(namespace).withLabels(AgentNames.agentLabels(owner, agentId))
                .endMetadata().withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(AgentNames.selector(agentId)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(AgentNames.agentLabels(owner, agentId)).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("elizaos").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    JsonNode health() {
        return body(agents.getAgentStatus(Events.api("getAgentStatus").user(owner).agentId(agentId).request()))
                .get("health");
    }

    @Test
    void status_readyPodsOnTheCluster_areReportedLive() {
        deployment(2);
        new SimulatedKubelet(kube).rollOut(namespace, agentId, SimulatedKubelet.Outcome.READY);

        JsonNode health = health();

        assertThat(health.get("overall").asText()).isEqualTo("HEALTHY");
        assertThat(health.get("kubernetes").get("status").asText()).isEqualTo("HEALTHY");
        assertThat(health.get("kubernetes").get("replicas").asInt()).isEqualTo(2);
        assertThat(health.get("kubernetes").get("readyReplicas").asInt()).isEqualTo(2);
        assertThat(health.get("application").get("uptime").asText()).matches("^\\d+(s|m)$");
    }

    @Test
    void status_crashingPods_areUnhealthyWhileTheRecordStillSaysQueued() {
        deployment(1);
        new SimulatedKubelet(kube).rollOut(namespace, agentId, SimulatedKubelet.Outcome.CRASH_LOOP_BACK_OFF);

        JsonNode health = health();

        assertThat(health.get("overall").asText()).isEqualTo("UNHEALTHY");
        assertThat(health.get("kubernetes").get("readyReplicas").asInt()).isZero();
    }

    @Test
    void status_nothingOnTheClusterYet_fallsBackToTheRecord() {
        JsonNode health = health();

        assertThat(health.get("overall").asText()).isEqualTo("PENDING");
        assertThat(health.get("kubernetes").get("readyReplicas").asInt()).isZero();
        assertThat(health.get("application").path("uptime").isTextual()).isFalse();
    }
}
