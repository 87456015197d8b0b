package io.agentlaunchpad.deployer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class LifecycleTest extends DeployerFixture {

    @Test
    void scaleToZero_stopsTheAgentAndScalingBackDeploysItAgain() {
        String owner = newUser();
        String agentId = deployed(owner);

        agents.scale(user(owner), agentId, Json.MAPPER.createObjectNode().put("replicas", 0), null, "req-scale-0");
        queue.deliverReady();

        assertThat(deployment(owner, agentId).getSpec().getReplicas()).isZero();
        Agent stopped = agent(agentId);
        assertThat(stopped.status()).isEqualTo(AgentStatus.STOPPED);
        assertThat(stopped.readyReplicas()).isZero();

        agents.scale(user(owner), agentId, Json.MAPPER.createObjectNode().put("replicas", 2), null, "req-scale-2");
        queue.deliverReady();
        assertThat(deployment(owner, agentId).getSpec().getReplicas()).isEqualTo(2);
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.SCALING);

        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();

        Agent running = agent(agentId);
        assertThat(running.status()).isEqualTo(AgentStatus.DEPLOYED);
        assertThat(running.readyReplicas()).isEqualTo(2);
    }

    @Test
    void update_reRendersTheCharacterAndSecretAndRollsThePods() {
        String owner = newUser();
        String agentId = deployed(owner);
        String checksumBefore = checksum(deployment(owner, agentId));
        String newToken = "discord-rotated-" + UUID.randomUUID();
        ObjectNode change = Json.MAPPER.createObjectNode();
        change.set("personality", Json.MAPPER.createObjectNode().put("system", "You are a calm moderator.")
                .set("bio", Json.MAPPER.createArrayNode().add("I keep the peace")));
        change.set("platforms", Json.MAPPER.createObjectNode().set("discord",
                Json.MAPPER.createObjectNode().put("token", newToken)));

        agents.update(user(owner), agentId, change, null, "req-update");
        queue.deliverReady();

        String character = kube.configMaps().inNamespace(namespace(owner)).withName(agentId + "-character").get()
                .getData().get("character.json");
        assertThat(character).contains("You are a calm moderator.").contains("I keep the peace");
        assertThat(DeployToReadyTest.secretValue(kube.secrets().inNamespace(namespace(owner))
                .withName(agentId + "-credentials").get(), "DISCORD_API_TOKEN")).isEqualTo(newToken);
        assertThat(checksum(deployment(owner, agentId))).as("the pods roll").isNotEqualTo(checksumBefore);
        assertThat(deployment(owner, agentId).getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYING);

        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
    }

    @Test
    void restart_isARolloutRestartOfThePodTemplate() {
        String owner = newUser();
        String agentId = deployed(owner);
        assertThat(restartedAt(deployment(owner, agentId))).isNull();

        agents.restart(user(owner), agentId, null, "req-restart");
        queue.deliverReady();

        Agent restarting = agent(agentId);
        assertThat(restartedAt(deployment(owner, agentId))).isEqualTo(restarting.restartRequestedAt().toString());
        assertThat(restarting.status()).isEqualTo(AgentStatus.DEPLOYING);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status()).isEqualTo(AgentStatus.DEPLOYED);
    }

    @Test
    void delete_removesEveryObjectOfTheAgentThenTheRecord_andARedeliveryChangesNothing() {
        String owner = newUser();
        String agentId = deployed(owner);
        String other = deployed(owner);

        agents.delete(user(owner), agentId, null, "req-delete");
        long generation = agent(agentId).generation();
        queue.deliverReady();
        kubelet.collectGarbage(namespace(owner));

        assertThat(store.find(agentId)).isEmpty();
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.services().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.network().v1().ingresses().inAnyNamespace().withLabel("agent-id", agentId).list().getItems())
                .isEmpty();
        assertThat(kube.configMaps().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.secrets().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.pods().inAnyNamespace().withLabel("agent-id", agentId).list().getItems()).isEmpty();
        assertThat(kube.apps().deployments().inNamespace(namespace(owner)).withName(other).get())
                .as("the owner's other agent stays").isNotNull();

        functions.deploy(ScanGateTest.message(agentId, "DELETE", generation));
        assertThat(store.find(agentId)).isEmpty();
    }

    static String checksum(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("agent-launchpad/config-checksum");
    }

    static String restartedAt(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("agent-launchpad/restarted-at");
    }

    Deployment deployment(String owner, String agentId) {
        return kube.apps().deployments().inNamespace(namespace(owner)).withName(agentId).get();
    }
}
