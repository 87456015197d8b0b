package io.agentlaunchpad.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.OpenApiSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator the response contract tests rely on can fail, for each kind of mismatch; and every example in
 * openapi.yaml passes it, strictly (no field its schema does not name).
 */
class OpenApiSpecTest {

    private final OpenApiSpec spec = OpenApiSpec.repository();

    static JsonNode json(String text) {
        try {
            return Json.tree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonNode schema(String name) {
        return spec.root().at("/components/schemas/" + name);
    }

    static ProxyResponse answer(int status, String body, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Content-Type", "application/json");
        map.put("X-Request-Id", "req-1");
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new ProxyResponse(status, map, body, false);
    }

    @Test
    void aFieldTheSchemaDoesNotNameFails_evenWhereTheSchemaLeavesAdditionalPropertiesOpen() {
        JsonNode created = json("{\"agentId\":\"agent-1\",\"status\":\"QUEUED\",\"createdAt\":\"2024-01-15T10:30:00Z\"}");
        assertThat(spec.validate(schema("AgentCreated"), created)).isEmpty();

        ((com.fasterxml.jackson.databind.node.ObjectNode) created).put("secret", "x");
        assertThat(spec.validate(schema("AgentCreated"), created))
                .containsExactly("$.secret: sent but not documented (\"x\")");
    }

    @Test
    void aMissingRequiredField_aWrongType_aValueOutsideItsEnumAndAnIntegerWrittenAsAFractionFail() {
        assertThat(spec.validate(schema("AgentCreated"), json("{\"status\":\"QUEUED\",\"createdAt\":\"2024-01-15T10:30:00Z\"}")))
                .containsExactly("$.agentId: required but missing");
        assertThat(spec.validate(schema("AgentCreated"), json("{\"agentId\":7,\"status\":\"QUEUED\",\"createdAt\":\"2024-01-15T10:30:00Z\"}")))
                .containsExactly("$.agentId: 7 is not string");
        assertThat(spec.validate(schema("AgentCreated"), json("{\"agentId\":\"a\",\"status\":\"SLEEPING\",\"createdAt\":\"2024-01-15T10:30:00Z\"}")))
                .containsExactly("$.status: \"SLEEPING\" is not one of [\"QUEUED\",\"DEPLOYING\",\"DEPLOYED\",\"UPDATING\",\"SCALING\",\"RESTARTING\",\"STOPPED\",\"FAILED\",\"DELETING\"]");
        assertThat(spec.validate(schema("AgentCreated"), json("{\"agentId\":\"a\",\"status\":\"QUEUED\",\"createdAt\":\"yesterday\"}")))
                .containsExactly("$.createdAt: 'yesterday' is not an RFC 3339 date-time");
        assertThat(spec.validate(schema("AgentScaled"), json("{\"agentId\":\"a\",\"status\":\"SCALING\",\"currentReplicas\":1.0,\"targetReplicas\":5.36870912E8}")))
                .containsExactly("$.currentReplicas: 1.0 is not integer", "$.targetReplicas: 5.36870912E8 is not integer");
    }

    @Test
    void additionalPropertiesFalse_andAnAdditionalPropertiesSchema_areHonoured() {
        // a request schema says additionalProperties: false itself
        assertThat(spec.validate(schema("ScaleRequest"), json("{\"replicas\":2,\"force\":true}")))
                .containsExactly("$.force: sent but not documented (true)");
        // allOf: the members' properties together are the object's fields
        JsonNode create = json("{\"agentName\":\"a\",\"personality\":{\"bio\":\"x\"},\"resources\":{\"memory\":\"1Gi\",\"replicas\":2}}");
        assertThat(spec.validate(schema("CreateAgentRequest"), create)).isEmpty();
        JsonNode badResources = json("{\"agentName\":\"a\",\"personality\":{\"bio\":\"x\"},\"resources\":{\"gpu\":1}}");
        assertThat(spec.validate(schema("CreateAgentRequest"), badResources))
                .anyMatch(p -> p.startsWith("$.resources.gpu"));
    }

    @Test
    void aSchemaKeywordTheValidatorDoesNotKnowIsReported_notSkipped() {
        // as a YAML flow mapping with a stray comma reads: { type: integer, description: Bytes, summed. }
        JsonNode schema = json("{\"type\":\"integer\",\"description\":\"Bytes\",\"summed.\":null}");
        assertThat(spec.validate(schema, json("1")))
                .containsExactly("$: the schema keyword 'summed.' is not supported by this validator");
    }

    @Test
    void oneOfMeansExactlyOne() {
        JsonNode health = spec.response("getHealth", 503).at("/content/application~1json/schema");
        JsonNode error = json("{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"m\",\"timestamp\":\"2024-01-15T13:45:00Z\",\"requestId\":\"r\"}}");
        assertThat(spec.validate(health, error)).isEmpty();
        assertThat(spec.validate(health, json("{\"status\":\"UNHEALTHY\"}"))).isNotEmpty();
    }

    @Test
    void anAnswer_withAnUndocumentedStatusOrHeader_orWithoutARequestId_fails() {
        String created = "{\"agentId\":\"agent-1\",\"status\":\"QUEUED\",\"createdAt\":\"2024-01-15T10:30:00Z\"}";
        assertThat(spec.problems("createAgent", answer(202, created))).isEmpty();
        assertThat(spec.problems("createAgent", answer(200, created)))
                .containsExactly("status 200 is not documented for createAgent");
        assertThat(spec.problems("createAgent", answer(202, created, "X-Secret", "1")))
                .containsExactly("header x-secret is sent but not documented for 202");
        assertThat(spec.problems("createAgent", new ProxyResponse(202, Map.of("Content-Type", "application/json"),
                created, false))).containsExactly("header X-Request-Id is missing");
    }

    @Test
    void everyExampleInTheSpecMatchesItsSchemaStrictly() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.root().get("paths").fields(); paths.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields(); ops.hasNext(); ) {
                JsonNode op = ops.next().getValue();
                if (!op.has("operationId")) {
                    continue;
                }
                List<JsonNode> media = new ArrayList<>();
                op.path("responses").forEach(r -> media.add(spec.resolve(r).path("content").path("application/json")));
                media.add(op.path("requestBody").path("content").path("application/json"));
                for (JsonNode m : media) {
                    List<JsonNode> examples = new ArrayList<>();
                    if (m.has("example")) {
                        examples.add(m.get("example"));
                    }
                    m.path("examples").forEach(e -> examples.add(e.get("value")));
                    for (JsonNode example : examples) {
                        spec.validate(m.get("schema"), example)
                                .forEach(p -> problems.add(op.get("operationId").asText() + ": " + p));
                        checked++;
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    /** The published reference speaks to the API's users: no description or summary names our code or tests. */
    @Test
    void noDescriptionOrSummaryNamesAClassOrATestOfOurs() {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                "\\.java\\b|\\b[A-Z][A-Za-z]*Tests?\\b|\\bio\\.agentlaunchpad\\b|\\b(RouteTable|ErrorCode|"
                        + "HttpPipeline|LocalPlatform|SimulatedRegistry|SimulatedCluster)\\b");
        List<String> found = new ArrayList<>();
        collectTexts(spec.root(), "$", found, ours);
        assertThat(found).isEmpty();
    }

    private static void collectTexts(JsonNode node, String path, List<String> found, java.util.regex.Pattern ours) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "." + e.getKey();
                if ((e.getKey().equals("description") || e.getKey().equals("summary")) && e.getValue().isTextual()
                        && ours.matcher(e.getValue().asText()).find()) {
                    found.add(at + ": " + e.getValue().asText());
                }
                collectTexts(e.getValue(), at, found, ours);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectTexts(node.get(i), path + "[" + i + "]", found, ours);
            }
        }
    }
}
