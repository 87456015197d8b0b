package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** A caller sees and touches only their own agents; someone else's agent is exactly as absent as a missing one. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentOwnershipTest {

    @Inject
    AgentFunctions functions;

    String create(String user) {
        return body(functions.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText();
    }

    @Test
    void anotherUsersAgentIsNotFoundOnEveryRoute() {
        String owner = newUser();
        String intruder = newUser();
        String agentId = create(owner);

        JsonNode notFound = error(functions.getAgentStatus(Events.api("getAgentStatus").user(intruder).agentId(agentId).request()),
                404, "AGENT_NOT_FOUND");
        assertThat(notFound.get("message").asText()).isEqualTo("Agent with ID '" + agentId + "' not found");
        error(functions.getAgent(Events.api("getAgent").user(intruder).agentId(agentId).request()), 404, "AGENT_NOT_FOUND");
        error(functions.scaleAgent(Events.api("scaleAgent").user(intruder).agentId(agentId).request()), 404, "AGENT_NOT_FOUND");
        error(functions.updateAgent(Events.api("updateAgent").user(intruder).agentId(agentId).request()), 404, "AGENT_NOT_FOUND");
        error(functions.restartAgent(Events.api("restartAgent").user(intruder).agentId(agentId).request()), 404, "AGENT_NOT_FOUND");
        error(functions.deleteAgent(Events.api("deleteAgent").user(intruder).agentId(agentId).request()), 404, "AGENT_NOT_FOUND");

        assertThat(Responses.commands(agentId)).hasSize(1);
        assertThat(body(functions.getAgentStatus(Events.api("getAgentStatus").user(owner).agentId(agentId).request()))
                .get("status").asText()).isEqualTo("QUEUED");
    }

    @Test
    void aMissingAgentIsNotFound() {
        error(functions.getAgentStatus(Events.api("getAgentStatus").user(newUser()).agentId("agent-doesnotexist1").request()),
                404, "AGENT_NOT_FOUND");
    }

    @Test
    void anAdminSeesAndChangesAnyAgent() {
        String owner = newUser();
        String agentId = create(owner);

        ProxyResponse status = functions.getAgentStatus(Events.api("getAgentStatus").admin("admin-1").agentId(agentId).request());
        assertThat(status.statusCode()).isEqualTo(200);
        ProxyResponse scaled = functions.scaleAgent(Events.api("scaleAgent").admin("admin-1").agentId(agentId).request());
        assertThat(scaled.statusCode()).isEqualTo(202);
    }

    @Test
    void onlyAnAdminMayFilterTheListByOwner() {
        String owner = newUser();
        String other = newUser();
        create(owner);
        create(owner);
        create(other);

        error(functions.listAgents(Events.api("listAgents").user(other).query(Map.of("owner", owner)).request()),
                403, "INSUFFICIENT_PERMISSIONS");

        JsonNode byOwner = body(functions.listAgents(Events.api("listAgents").admin("admin-1")
                .query(Map.of("owner", owner)).request()));
        assertThat(byOwner.get("total").asLong()).isEqualTo(2);
        byOwner.get("agents").forEach(a -> assertThat(a.get("owner").asText()).isEqualTo(owner));
    }

    @Test
    void aUsersListHoldsOnlyTheirAgents() {
        String owner = newUser();
        String other = newUser();
        String mine = create(owner);
        create(other);

        JsonNode list = body(functions.listAgents(Events.api("listAgents").user(owner).query(Map.of()).request()));

        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("agents").get(0).get("agentId").asText()).isEqualTo(mine);
    }
}
