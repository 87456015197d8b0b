package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.agentlaunchpad.api.Responses.body;
import static org.assertj.core.api.Assertions.assertThat;

/** Each request leaves one JSON log line with its context, and no line ever holds a platform token. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class LogLinesTest {

    @Inject
    AgentFunctions functions;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null && record.getParameters().length > 0) {
                message = message + " " + List.of(record.getParameters());
            }
            lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("launchpad").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("launchpad").removeHandler(capture);
    }

    @Test
    void aRequestLogsOneJsonLineWithItsContextAndNoToken() throws Exception {
        String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
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

        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(line -> line.contains(token));
        JsonNode requestLine = null;
        for (String line : lines) {
            if (line.startsWith("{") && line.contains("\"event\":\"request\"") && line.contains(requestId)) {
                requestLine = Json.tree(line);
            }
        }
        assertThat(requestLine).as("the request line of %s in %s", requestId, lines).isNotNull();
        assertThat(requestLine.get("route").asText()).isEqualTo("createAgent");
        assertThat(requestLine.get("principal").asText()).isEqualTo(user);
        assertThat(requestLine.get("status").asInt()).isEqualTo(202);
        assertThat(requestLine.get("method").asText()).isEqualTo("POST");
    }
}
