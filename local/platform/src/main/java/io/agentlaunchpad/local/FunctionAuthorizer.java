package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Lambda REQUEST authorizer invoked as API Gateway invokes one
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-input.html): with a
 * result cache keyed by the identity sources, every identity source is required and a missing one is a 401 without
 * a call; with the cache off (TTL 0) none is required. The policy decides per method ARN. A header sent more than
 * once is read as the authorizer reads it: its last value (the event's single-value {@code headers}), and it is
 * cached under all of its values.
 */
final class FunctionAuthorizer {

    private record Cached(JsonNode result, Instant expires) {
    }

    private final FunctionRegistry functions;
    private final String function;
    private final List<String> identityHeaders;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    FunctionAuthorizer(FunctionRegistry functions, String function, List<String> identityHeaders, Duration ttl,
                       Clock clock) {
        this.functions = functions;
        this.function = function;
        this.identityHeaders = identityHeaders;
        this.ttl = ttl;
        this.clock = clock;
    }

    AuthorizerDecision authorize(Route route, ProxyEvents.HttpRequest request, ObjectNode proxyEvent) {
        List<String> identity = new ArrayList<>();
        List<String> everyValue = new ArrayList<>();
        boolean anyPresent = false;
        for (String header : identityHeaders) {
            String value = request.header(header);
            identity.add(value == null ? "" : value);
            // The key holds every value sent: a repeated credential header (which the authorizer refuses as
            // ambiguous) must never ride on the decision cached for one of its values.
            everyValue.add(String.join("\u0000", request.values(header)));
            anyPresent |= value != null && !value.isBlank();
        }
        boolean caching = !ttl.isZero();
        if (caching && identity.contains("") || !anyPresent) {
            return AuthorizerDecision.of(AuthorizerDecision.Outcome.UNAUTHORIZED);
        }
        String methodArn = ProxyEvents.methodArn(route, request.method());
        String cacheKey = String.join("\n", everyValue);
        JsonNode result;
        Cached cached = caching ? cache.get(cacheKey) : null;
        if (cached != null && cached.expires().isAfter(clock.instant())) {
            result = cached.result();
        } else {
            try {
                result = Json.tree(functions.invoke(function, requestEvent(proxyEvent, methodArn).toString()));
            } catch (RuntimeException e) {
                return AuthorizerDecision.of("Unauthorized".equals(e.getMessage())
                        ? AuthorizerDecision.Outcome.UNAUTHORIZED : AuthorizerDecision.Outcome.FAILED);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return AuthorizerDecision.of(AuthorizerDecision.Outcome.FAILED);
            }
            if (caching) {
                cache.put(cacheKey, new Cached(result, clock.instant().plus(ttl)));
            }
        }
        if (!allows(result.path("policyDocument"), methodArn)) {
            return AuthorizerDecision.of(AuthorizerDecision.Outcome.DENY);
        }
        Map<String, Object> context = result.hasNonNull("context")
                ? new java.util.LinkedHashMap<>(Json.toMap(result.get("context"))) : new java.util.LinkedHashMap<>();
        String principal = result.path("principalId").asText(null);
        context.put("principalId", principal);
        return new AuthorizerDecision(AuthorizerDecision.Outcome.ALLOW, principal, context,
                result.path("usageIdentifierKey").asText(null));
    }

    /** Forgets cached results, as FlushStageAuthorizersCache does. */
    void flush() {
        cache.clear();
    }

    private static ObjectNode requestEvent(ObjectNode proxyEvent, String methodArn) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", methodArn);
        for (String field : new String[]{"resource", "path", "httpMethod", "headers", "multiValueHeaders",
                "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables",
                "requestContext"}) {
            event.set(field, proxyEvent.get(field));
        }
        return event;
    }

    /** An explicit Deny wins; otherwise some Allow statement must cover the method ARN. */
    static boolean allows(JsonNode policy, String methodArn) {
        boolean allowed = false;
        JsonNode statements = policy.path("Statement");
        if (statements.isObject()) {
            statements = Json.MAPPER.createArrayNode().add(statements);
        }
        for (JsonNode statement : statements) {
            if (!covers(statement.path("Action"), "execute-api:Invoke")) {
                continue;
            }
            if (!covers(statement.path("Resource"), methodArn)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if ("Deny".equals(effect)) {
                return false;
            }
            allowed |= "Allow".equals(effect);
        }
        return allowed;
    }

    private static boolean covers(JsonNode patterns, String value) {
        if (patterns.isTextual()) {
            return glob(patterns.asText(), value);
        }
        for (JsonNode p : patterns) {
            if (glob(p.asText(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }
}
