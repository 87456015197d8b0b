package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each lifecycle route deployed as its own Lambda (one export per Quarkus start), invoked through the Lambda
 * runtime API with its {@code events/api} fixture, aimed at an agent the fixture's caller owns.
 */
final class ExportedRoutesLambdaTest {

    private ExportedRoutesLambdaTest() {
    }

    abstract static class Base {

        @Inject
        AgentFunctions functions;

        /** An agent owned by the fixtures' caller (user-456def). */
        String fixtureCallersAgent() {
            return Responses.body(functions.createAgent(Events.api("createAgent").request())).get("agentId").asText();
        }

        JsonNode invoke(String function, String agentId) {
            Events event = Events.api(function);
            if (agentId != null) {
                event.agentId(agentId);
            }
            return LambdaInvoker.invoke(event.json());
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(GetAgentStatus.Profile.class)
    static class GetAgentStatus extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("getAgentStatus");
            }
        }

        @Test
        void answersTheStatusBody() {
            String agentId = fixtureCallersAgent();
            JsonNode response = invoke("getAgentStatus", agentId);
            assertThat(response.get("statusCode").asInt()).isEqualTo(200);
            JsonNode body = LambdaInvoker.body(response);
            assertThat(body.get("agentId").asText()).isEqualTo(agentId);
            assertThat(body.get("health").get("kubernetes").get("replicas").asInt()).isEqualTo(1);
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(GetAgent.Profile.class)
    static class GetAgent extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("getAgent");
            }
        }

        @Test
        void answersTheRedactedAgent() {
            String agentId = fixtureCallersAgent();
            JsonNode response = invoke("getAgent", agentId);
            assertThat(response.get("statusCode").asInt()).isEqualTo(200);
            assertThat(response.get("body").asText()).doesNotContain("your-discord-bot-token");
            assertThat(LambdaInvoker.body(response).get("selectedPlugins")).hasSize(2);
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(ListAgents.Profile.class)
    static class ListAgents extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("listAgents");
            }
        }

        @Test
        void answersTheListFilteredByTheFixturesStatus() {
            fixtureCallersAgent();
            JsonNode response = LambdaInvoker.invoke(Events.api("listAgents").json());
            assertThat(response.get("statusCode").asInt()).isEqualTo(200);
            JsonNode body = LambdaInvoker.body(response);
            assertThat(body.get("total").asLong()).isZero(); // the fixture asks for DEPLOYED agents
            JsonNode all = LambdaInvoker.body(LambdaInvoker.invoke(Events.api("listAgents").query(Map.of()).json()));
            assertThat(all.get("total").asLong()).isEqualTo(1);
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(UpdateAgent.Profile.class)
    static class UpdateAgent extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("updateAgent");
            }
        }

        @Test
        void acceptsTheUpdate() {
            JsonNode response = invoke("updateAgent", fixtureCallersAgent());
            assertThat(response.get("statusCode").asInt()).isEqualTo(202);
            assertThat(LambdaInvoker.body(response).get("status").asText()).isEqualTo("UPDATING");
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(ScaleAgent.Profile.class)
    static class ScaleAgent extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("scaleAgent");
            }
        }

        @Test
        void acceptsTheScale() {
            JsonNode response = invoke("scaleAgent", fixtureCallersAgent());
            assertThat(response.get("statusCode").asInt()).isEqualTo(202);
            assertThat(LambdaInvoker.body(response).get("targetReplicas").asInt()).isEqualTo(3);
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(RestartAgent.Profile.class)
    static class RestartAgent extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("restartAgent");
            }
        }

        @Test
        void acceptsTheRestart() {
            JsonNode response = invoke("restartAgent", fixtureCallersAgent());
            assertThat(response.get("statusCode").asInt()).isEqualTo(202);
            assertThat(LambdaInvoker.body(response).get("status").asText()).isEqualTo("RESTARTING");
        }
    }

    @QuarkusTest
    @QuarkusTestResource(BackendsResource.class)
    @TestProfile(DeleteAgent.Profile.class)
    static class DeleteAgent extends Base {
        public static class Profile extends ExportProfile {
            public Profile() {
                super("deleteAgent");
            }
        }

        @Test
        void acceptsTheDeletion() {
            JsonNode response = invoke("deleteAgent", fixtureCallersAgent());
            assertThat(response.get("statusCode").asInt()).isEqualTo(202);
            assertThat(LambdaInvoker.body(response).get("status").asText()).isEqualTo("DELETING");
        }

        @Test
        void theFixtureAsItIsFindsNoAgent() {
            JsonNode response = LambdaInvoker.invoke(Events.api("deleteAgent").json());
            assertThat(response.get("statusCode").asInt()).isEqualTo(404);
            assertThat(LambdaInvoker.body(response).get("error").get("code").asText()).isEqualTo("AGENT_NOT_FOUND");
        }
    }
}
