package io.agentlaunchpad.http;

import io.agentlaunchpad.access.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** events/ holds a realistic proxy event for every route of the table, consistent with it. */
class EventFixturesTest {

    @Test
    void everyRouteHasAFixtureThatMatchesIt() throws Exception {
        for (Route route : RouteTable.ROUTES) {
            var file = Events.file("api/" + route.function() + ".json");
            assertThat(file).as(route.function()).exists();
            ProxyRequest event = Json.MAPPER.readValue(Files.readString(file), ProxyRequest.class);
            assertThat(event.httpMethod()).as(route.function()).isEqualTo(route.method());
            assertThat(event.resource()).as(route.function()).isEqualTo(route.pathTemplate());
            assertThat(event.requestContext().resourcePath()).isEqualTo(route.pathTemplate());
            assertThat(route.pathPattern().matcher(event.path()).matches()).as(event.path()).isTrue();
            assertThat(RouteTable.match(event.httpMethod(), event.path())).contains(route);
            for (String name : route.pathParameters()) {
                assertThat(event.pathParameter(name)).as(route.function() + " " + name).isNotBlank();
            }
            assertThat(Principal.fromAuthorizerContext(event.authorizer())).isNotNull();
            if (event.body() != null) {
                assertThat(Json.tree(event.body()).isObject()).isTrue();
                assertThat(event.header("content-type")).isEqualTo("application/json");
            }
        }
    }

    @Test
    void theDeployCommandFixtureIsAnSqsEventWithACommand() throws Exception {
        JsonNode event = Json.tree(Files.readString(Events.file("sqs/deploy-command.json")));
        JsonNode record = event.get("Records").get(0);
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        JsonNode command = Json.tree(record.get("body").asText());
        assertThat(command.get("type").asText()).isEqualTo("DEPLOY");
        assertThat(command.get("agentId").asText()).isEqualTo("agent-123abc");
        assertThat(command.get("generation").asLong()).isEqualTo(1);
    }
}
