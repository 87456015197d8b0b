package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.BackendsResource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what the functions answered and what they left on the deploy queue. */
final class Responses {

    static final Pattern SECOND_TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");

    private static final List<JsonNode> RECEIVED = new ArrayList<>();

    private Responses() {
    }

    static JsonNode body(ProxyResponse response) {
        try {
            return Json.tree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the API's error format and returns the error object. */
    static JsonNode error(ProxyResponse response, int status, String code) {
        JsonNode body = body(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = body.get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("timestamp").asText()).matches(SECOND_TIMESTAMP);
        assertThat(error.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return error;
    }

    /** The {@code details[].field} values of a validation error. */
    static List<String> fields(ProxyResponse response) {
        JsonNode error = error(response, 400, "VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        error.get("details").forEach(d -> fields.add(d.get("field").asText()));
        return fields;
    }

    /** The same JSON object with its top-level keys in reverse order. */
    static com.fasterxml.jackson.databind.node.ObjectNode reorder(com.fasterxml.jackson.databind.node.ObjectNode original) {
        List<String> names = new ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        var copy = Json.MAPPER.createObjectNode();
        names.forEach(n -> copy.set(n, original.get(n)));
        return copy;
    }

    /** Deploy commands for one agent, in the order sent (drains the queue; keeps what other tests' agents got). */
    static synchronized List<JsonNode> commands(String agentId) {
        var backends = BackendsResource.current();
        while (true) {
            List<Message> messages = backends.sqs.receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(backends.deployQueue.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(3600).build()).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                try {
                    RECEIVED.add(Json.tree(m.body()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return RECEIVED.stream().filter(c -> c.get("agentId").asText().equals(agentId)).toList();
    }
}
