package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The exported createAgent Lambda, invoked through the Lambda runtime API with the fixture as-is. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class CreateAgentLambdaTest {

    @Test
    void theFixtureEventCreatesAnAgent() {
        JsonNode response = LambdaInvoker.invoke(Events.api("createAgent").json());

        assertThat(response.get("statusCode").asInt()).isEqualTo(202);
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.get("headers").get("X-Request-Id").asText()).isNotBlank();
        JsonNode body = LambdaInvoker.body(response);
        assertThat(body.get("status").asText()).isEqualTo("QUEUED");
        assertThat(body.get("agentId").asText()).startsWith("agent-");
    }
}
