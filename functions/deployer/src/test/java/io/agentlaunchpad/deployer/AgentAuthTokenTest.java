package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.testing.LogCapture;
import io.agentlaunchpad.emulators.SimulatedKubelet;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.agents.PlatformVault;
import io.agentlaunchpad.testing.BackendsResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.agentlaunchpad.deployer.DeployToReadyTest.secretValue;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's own API token ({@code ELIZA_SERVER_AUTH_TOKEN}): random per agent, sealed in its record, in clear only
 * in its Secret, and given at their next roll-out to agents created before tokens existed.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class AgentAuthTokenTest extends DeployerFixture {

    @Inject
    PlatformVault vault;

    String token(String agentId) {
        Agent agent = agent(agentId);
        assertThat(agent.sealedAuthToken()).as("a sealed token in the record").isNotNull();
        return vault.unsealAuthToken(agentId, agent.sealedAuthToken());
    }

    Secret secret(String owner, String agentId) {
        return kube.secrets().inNamespace(namespace(owner)).withName(agentId + "-credentials").get();
    }

    @Test
    void theTokenIsRandomPerAgent_inItsSecret_andNowhereElseInClear() {
        try (LogCapture log = LogCapture.start()) {
            String owner = newUser();
            String first = create(owner);
            String second = create(owner);
            queue.deliverReady();

            String token = token(first);
            assertThat(token).matches("^[A-Za-z0-9_-]{43}$"); // 32 random bytes, URL-safe base64
            assertThat(token(second)).isNotEqualTo(token);
            assertThat(secretValue(secret(owner, first), "ELIZA_SERVER_AUTH_TOKEN")).isEqualTo(token);
            assertThat(secretValue(secret(owner, second), "ELIZA_SERVER_AUTH_TOKEN")).isEqualTo(token(second));

            assertThat(kube.configMaps().inNamespace(namespace(owner)).withName(first + "-character").get()
                    .getData().get("character.json")).doesNotContain(token);
            assertThat(Json.write(kube.apps().deployments().inNamespace(namespace(owner)).withName(first).get()))
                    .doesNotContain(token);
            assertThat(queue.bodies).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain(token));
            var backends = BackendsResource.current();
            assertThat(backends.dynamo.scan(b -> b.tableName(backends.prefix + "agents")).items().toString())
                    .contains(agent(first).sealedAuthToken()).doesNotContain(token);
            assertThat(agent(first).toString()).doesNotContain(agent(first).sealedAuthToken());
            assertThat(log.lines()).anyMatch(l -> l.contains(first));
            assertThat(log.lines()).noneMatch(l -> l.contains(token));
        }
    }

    @Test
    void anAgentWithoutATokenGetsOneAtItsNextRollOut_andKeepsItAfterwards() {
        String owner = newUser();
        String agentId = create(owner);
        storedWithoutAToken(agentId);
        assertThat(agent(agentId).sealedAuthToken()).isNull();

        queue.deliverReady();

        String token = token(agentId);
        assertThat(secretValue(secret(owner, agentId), "ELIZA_SERVER_AUTH_TOKEN")).isEqualTo(token);
        kubelet.rollOut(namespace(owner), agentId, SimulatedKubelet.Outcome.READY);
        queue.deliverNext();
        assertThat(agent(agentId).status().name()).isEqualTo("DEPLOYED");

        agents.restart(user(owner), agentId, null, "req-restart");
        queue.deliverReady();

        assertThat(token(agentId)).isEqualTo(token);
        assertThat(secretValue(secret(owner, agentId), "ELIZA_SERVER_AUTH_TOKEN")).isEqualTo(token);
    }

    @Test
    void aTokenKeptByAnotherDeployerFirstIsTheOneUsed() {
        String owner = newUser();
        String agentId = create(owner);
        storedWithoutAToken(agentId);
        String theirs = vault.newSealedAuthToken(agentId);

        assertThat(store.keepAuthToken(agentId, theirs)).isTrue();
        assertThat(store.keepAuthToken(agentId, vault.newSealedAuthToken(agentId))).as("only the first").isFalse();
        assertThat(store.keepAuthToken("agent-missing000", theirs)).isFalse();

        queue.deliverReady();

        assertThat(agent(agentId).sealedAuthToken()).isEqualTo(theirs);
        assertThat(secretValue(secret(owner, agentId), "ELIZA_SERVER_AUTH_TOKEN"))
                .isEqualTo(vault.unsealAuthToken(agentId, theirs));
    }

    /** As an agent created before agents had tokens is stored. */
    private void storedWithoutAToken(String agentId) {
        Agent created = agent(agentId);
        store.replace(new Agent(created.agentId(), created.owner(), created.spec(), created.sealedPlatforms(),
                created.platformView(), created.status(), created.statusReason(), created.generation(),
                created.version() + 1, created.readyReplicas(), created.createdAt(), created.updatedAt(),
                created.deployedAt(), created.restartRequestedAt()), created.version());
    }
}
