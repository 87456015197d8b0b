package io.agentlaunchpad.api;

import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.agentlaunchpad.testing.OpenApiSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent, key and profile routes' answers, made by the functions on the emulators, checked against
 * {@code openapi.yaml} as {@link AgentOperationsContractTest} and its siblings check the operations routes' (same
 * resources, so the same application serves them all).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class RouteAnswersContractTest {

    @Inject
    AgentFunctions agents;

    @Inject
    KeyFunctions keys;

    @Inject
    UserFunctions users;

    final OpenApiSpec spec = OpenApiSpec.repository();

    /** Every mismatch of the test's answers, reported together at its end. */
    final List<String> mismatches = new ArrayList<>();

    void assertDocumented(String operationId, ProxyResponse answer) {
        spec.problems(operationId, answer).forEach(p -> mismatches.add(operationId + " " + answer.statusCode() + ": "
                + p + "\n    " + answer.body()));
    }

    @AfterEach
    void everyAnswerWasDocumented() {
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theAgentLifecycle_andItsRefusals() {
        String owner = newUser();
        Events create = Events.api("createAgent").user(owner).header("Idempotency-Key", UUID.randomUUID().toString());
        ProxyResponse created = agents.createAgent(create.request());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertDocumented("createAgent", created);
        ProxyResponse replayed = agents.createAgent(create.request());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertDocumented("createAgent", replayed);
        String agentId = body(created).get("agentId").asText();

        assertDocumented("createAgent", agents.createAgent(Events.api("createAgent").user(owner)
                .body("{\"agentName\": \"Bad Name\", \"personality\": {\"bio\": \"x\"}, \"resources\": {\"memory\": \"64Mi\"}}")
                .request()));
        assertDocumented("createAgent", agents.createAgent(Events.api("createAgent").user(owner)
                .header("Content-Type", "text/plain").request()));
        assertDocumented("createAgent", agents.createAgent(Events.api("createAgent").viewer(owner).request()));
        assertDocumented("createAgent", agents.createAgent(Events.api("createAgent").anonymous().request()));

        assertDocumented("listAgents", agents.listAgents(Events.api("listAgents").user(owner)
                .query(Map.of("limit", "1")).request()));
        assertDocumented("listAgents", agents.listAgents(Events.api("listAgents").user(owner)
                .query(Map.of("limit", "0")).request()));
        assertDocumented("getAgent", agents.getAgent(Events.api("getAgent").user(owner).agentId(agentId).request()));
        assertDocumented("getAgent", agents.getAgent(Events.api("getAgent").user(newUser()).agentId(agentId).request()));
        assertDocumented("updateAgent", agents.updateAgent(Events.api("updateAgent").user(owner).agentId(agentId)
                .request()));
        assertDocumented("updateAgent", agents.updateAgent(Events.api("updateAgent").user(owner).agentId(agentId)
                .header("If-Match", "\"1\"").request()));
        assertDocumented("scaleAgent", agents.scaleAgent(Events.api("scaleAgent").user(owner).agentId(agentId)
                .request()));
        assertDocumented("restartAgent", agents.restartAgent(Events.api("restartAgent").user(owner).agentId(agentId)
                .request()));
        assertDocumented("deleteAgent", agents.deleteAgent(Events.api("deleteAgent").user(owner).agentId(agentId)
                .request()));
        assertDocumented("scaleAgent", agents.scaleAgent(Events.api("scaleAgent").user(owner).agentId(agentId)
                .request()));
    }

    @Test
    void keysAndTheProfile() {
        String user = newUser();
        ProxyResponse generated = keys.generateKey(Events.api("generateKey").user(user)
                .body("{\"email\": \"" + user + "@example.com\"}").request());
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(201);
        assertDocumented("generateKey", generated);
        assertDocumented("generateKey", keys.generateKey(Events.api("generateKey").user(user)
                .body("{\"role\": \"ADMIN\"}").request()));
        assertDocumented("listKeys", keys.listKeys(Events.api("listKeys").user(user).request()));
        String keyId = body(generated).get("keyId").asText();
        assertDocumented("revokeKey", keys.revokeKey(Events.api("revokeKey").user(user).pathParameter("keyId", keyId)
                .request()));
        assertDocumented("revokeKey", keys.revokeKey(Events.api("revokeKey").user(user)
                .pathParameter("keyId", "key_0000000000000000").request()));

        assertDocumented("getUserProfile", users.getUserProfile(Events.api("getUserProfile").user(user).request()));
        assertDocumented("updateUserProfile", users.updateUserProfile(Events.api("updateUserProfile").user(user)
                .request()));
        assertDocumented("updateUserProfile", users.updateUserProfile(Events.api("updateUserProfile").user(user)
                .body("{\"email\": \"not-an-email\"}").request()));
    }
}
