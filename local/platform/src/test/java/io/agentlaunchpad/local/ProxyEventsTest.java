package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyEventsTest {

    static ProxyEvents.HttpRequest request(String method, String path, String query, byte[] body) {
        return new ProxyEvents.HttpRequest(method, path, query,
                Map.of("X-API-Key", List.of("alk_abc"), "Accept", List.of("text/plain", "application/json")),
                body, "127.0.0.1");
    }

    @Test
    void buildsTheProxyEventALambdaReceives() {
        var route = RouteTable.byFunction("getAgentLogs");
        ObjectNode event = ProxyEvents.event(route, request("GET", "/api/agents/agent-abc/logs",
                "lines=5&since=1h&tag=a&tag=b%20c", new byte[0]), "req-1", Map.of("userId", "u-1"),
                Instant.parse("2024-01-15T10:30:00Z"));

        ProxyRequest parsed = Json.MAPPER.convertValue(event, ProxyRequest.class);
        assertThat(parsed.resource()).isEqualTo("/api/agents/{agentId}/logs");
        assertThat(parsed.path()).isEqualTo("/api/agents/agent-abc/logs");
        assertThat(parsed.pathParameter("agentId")).isEqualTo("agent-abc");
        assertThat(parsed.queryStringParameters()).containsEntry("lines", "5").containsEntry("tag", "b c");
        assertThat(parsed.multiValueQueryStringParameters().get("tag")).containsExactly("a", "b c");
        assertThat(parsed.header("x-api-key")).isEqualTo("alk_abc");
        assertThat(parsed.multiValueHeaders().get("Accept")).containsExactly("text/plain", "application/json");
        assertThat(parsed.requestContext().requestId()).isEqualTo("req-1");
        assertThat(parsed.requestContext().resourcePath()).isEqualTo("/api/agents/{agentId}/logs");
        assertThat(parsed.requestContext().requestTimeEpoch()).isEqualTo(1705314600000L);
        assertThat(parsed.authorizer()).containsEntry("userId", "u-1");
        assertThat(parsed.body()).isNull();
        assertThat(event.get("queryStringParameters").isObject()).isTrue();
    }

    @Test
    void textBodiesStayTextAndBinaryBodiesAreBase64() {
        var route = RouteTable.byFunction("createAgent");
        ObjectNode text = ProxyEvents.event(route, request("POST", "/api/agents", null,
                "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)), "r", null, Instant.now());
        ObjectNode binary = ProxyEvents.event(route, request("POST", "/api/agents", null,
                new byte[]{(byte) 0xff, (byte) 0xfe, 0}), "r", null, Instant.now());

        assertThat(text.get("body").asText()).isEqualTo("{\"a\":\"é\"}");
        assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(binary.get("body").asText()).isEqualTo("//4A");
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(text.get("queryStringParameters").isNull()).isTrue();
    }

    @Test
    void methodArnsNameStageMethodAndResource() {
        assertThat(ProxyEvents.methodArn(RouteTable.byFunction("scaleAgent"), "POST"))
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:local/local/POST/api/agents/{agentId}/scale");
    }
}
