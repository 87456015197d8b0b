package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM policy rules API Gateway applies to a REQUEST authorizer's answer. */
class FunctionAuthorizerTest {

    static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:local/local/GET/api/agents";

    static JsonNode policy(String statements) throws Exception {
        return Json.tree("{\"Version\": \"2012-10-17\", \"Statement\": " + statements + "}");
    }

    @Test
    void anAllowCoveringTheMethodAllows() throws Exception {
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", "
                + "\"Resource\": \"arn:aws:execute-api:us-east-1:000000000000:local/local/*\"}]"), ARN)).isTrue();
        assertThat(FunctionAuthorizer.allows(policy("{\"Action\": [\"execute-api:Invoke\"], \"Effect\": \"Allow\", "
                + "\"Resource\": [\"" + ARN + "\"]}"), ARN)).isTrue();
    }

    @Test
    void aDenyWinsAndNothingElseAllows() throws Exception {
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", \"Resource\": \"*\"},"
                + "{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Deny\", \"Resource\": \"" + ARN + "\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"execute-api:Invoke\", \"Effect\": \"Allow\", "
                + "\"Resource\": \"arn:aws:execute-api:us-east-1:000000000000:local/local/POST/*\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(policy("[{\"Action\": \"s3:GetObject\", \"Effect\": \"Allow\", \"Resource\": \"*\"}]"), ARN)).isFalse();
        assertThat(FunctionAuthorizer.allows(Json.MAPPER.createObjectNode(), ARN)).isFalse();
    }

    /**
     * As the platform's authorizer reads a credential: the last value of the event's single-value headers, and a
     * header repeated with different values refused (it throws "Unauthorized", which is never cached).
     */
    public static final class LastValueAuthorizer {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @io.quarkus.funqy.Funq("authorize")
        public JsonNode authorize(JsonNode event) {
            calls.incrementAndGet();
            java.util.Set<String> sent = new java.util.HashSet<>();
            event.path("multiValueHeaders").path("X-API-Key").forEach(v -> sent.add(v.asText()));
            if (sent.size() > 1 || !"alk_good".equals(event.path("headers").path("X-API-Key").asText())) {
                throw new RuntimeException("Unauthorized");
            }
            return Json.MAPPER.valueToTree(java.util.Map.of("principalId", "user-good", "policyDocument",
                    java.util.Map.of("Statement", java.util.List.of(java.util.Map.of("Action", "execute-api:Invoke",
                            "Effect", "Allow", "Resource", "*")))));
        }
    }

    static AuthorizerDecision.Outcome call(FunctionAuthorizer authorizer, String... keys) {
        io.agentlaunchpad.http.Route route = io.agentlaunchpad.http.RouteTable.match("GET", "/api/agents")
                .orElseThrow();
        ProxyEvents.HttpRequest request = new ProxyEvents.HttpRequest("GET", "/api/agents", null,
                java.util.Map.of("X-API-Key", java.util.List.of(keys)), new byte[0], "127.0.0.1");
        return authorizer.authorize(route, request,
                ProxyEvents.event(route, request, "req-1", java.util.Map.of(), java.time.Instant.now())).outcome();
    }

    @Test
    void aRepeatedCredentialHeader_neverRidesOnTheDecisionCachedForOneOfItsValues() {
        LastValueAuthorizer function = new LastValueAuthorizer();
        FunctionAuthorizer authorizer = new FunctionAuthorizer(new FunctionRegistry().register(function),
                "authorize", java.util.List.of("X-API-Key"), java.time.Duration.ofMinutes(5),
                java.time.Clock.systemUTC());

        assertThat(call(authorizer, "alk_good")).isEqualTo(AuthorizerDecision.Outcome.ALLOW);
        assertThat(call(authorizer, "alk_good")).isEqualTo(AuthorizerDecision.Outcome.ALLOW);
        assertThat(function.calls.get()).as("the second call is served from the cache").isEqualTo(1);

        assertThat(call(authorizer, "alk_good", "alk_other")).isEqualTo(AuthorizerDecision.Outcome.UNAUTHORIZED);
        assertThat(call(authorizer, "alk_other", "alk_good")).isEqualTo(AuthorizerDecision.Outcome.UNAUTHORIZED);
        assertThat(function.calls.get()).as("each repeated header went to the authorizer").isEqualTo(3);
    }

    @Test
    void theGatewayReadsAHeaderAsTheFunctionsDo_itsLastValue() {
        ProxyEvents.HttpRequest request = new ProxyEvents.HttpRequest("GET", "/api/agents", null,
                java.util.Map.of("x-api-key", java.util.List.of("alk_first", "alk_last")), new byte[0], "127.0.0.1");
        io.agentlaunchpad.http.Route route = io.agentlaunchpad.http.RouteTable.match("GET", "/api/agents")
                .orElseThrow();

        assertThat(request.header("X-API-Key")).isEqualTo("alk_last");
        assertThat(ProxyEvents.event(route, request, "req-1", java.util.Map.of(), java.time.Instant.now())
                .get("headers").get("x-api-key").asText()).isEqualTo(request.header("X-API-Key"));
    }
}
