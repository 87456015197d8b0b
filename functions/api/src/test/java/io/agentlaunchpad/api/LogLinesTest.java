package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.LogCapture;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Each request leaves one JSON log line with its context, and no line ever holds a platform token. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class LogLinesTest {

    @Inject
    AgentFunctions functions;

    private LogCapture log;

    @BeforeEach
    void listen() {
        log = LogCapture.start();
    }

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void aRequestLogsOneJsonLineWithItsContextAndNoToken() throws Exception {
        String user = newUser();
        String token = "tok-" + UUID.randomUUID();
        ObjectNode createBody = Events.api("createAgent").bodyTree();
        ((ObjectNode) createBody.get("platforms").get("discord")).put("token", token);
        Events create = Events.api("createAgent").user(user).body(createBody);
        String requestId = create.request().requestId();

        String agentId = body(functions.createAgent(create.request())).get("agentId").asText();
        functions.updateAgent(Events.api("updateAgent").user(user).agentId(agentId)
                .body("{\"platforms\": {\"discord\": {\"token\": \"" + token + "\"}}}").request());
        // A refused request carrying the token is logged without it too.
        functions.createAgent(Events.api("createAgent").user(user)
                .body(createBody.deepCopy().put("agentName", "Bad Name")).request());

        assertThat(log.lines()).isNotEmpty();
        assertThat(log.lines()).noneMatch(line -> line.contains(token));
        JsonNode requestLine = null;
        for (String line : log.lines()) {
            if (line.startsWith("{") && line.contains("\"event\":\"request\"") && line.contains(requestId)) {
                requestLine = Json.tree(line);
            }
        }
        assertThat(requestLine).as("the request line of %s in %s", requestId, log.lines()).isNotNull();
        assertThat(requestLine.get("route").asText()).isEqualTo("createAgent");
        assertThat(requestLine.get("principal").asText()).isEqualTo(user);
        assertThat(requestLine.get("status").asInt()).isEqualTo(202);
        assertThat(requestLine.get("method").asText()).isEqualTo("POST");
    }
}
