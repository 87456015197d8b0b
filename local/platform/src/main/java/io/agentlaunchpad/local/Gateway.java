package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentlaunchpad.http.ErrorBody;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.limits.Limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API Gateway REST API in front of the functions, as faithful as one process allows: routes from the route
 * table, the REQUEST authorizer with its cache, the proxy event and response, the 10 MB payload and 29 s
 * integration limits, and its own refusals in the API's error format.
 */
public final class Gateway implements AutoCloseable {

    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final JsonLog LOG = JsonLog.of("gateway");

    private final FunctionRegistry functions;
    private final FunctionAuthorizer authorizer;
    private final UsagePlanMeter usagePlans;
    private final java.util.function.Function<String, Limits.UsageTier> tierOfRole;
    private final Duration integrationTimeout;
    private final Clock clock;
    private final ExecutorService integrations = Executors.newCachedThreadPool(daemon("integration"));
    private HttpServer server;

    Gateway(FunctionRegistry functions, FunctionAuthorizer authorizer, Limits limits, Duration integrationTimeout,
            Clock clock) {
        this.functions = functions;
        this.authorizer = authorizer;
        this.usagePlans = new UsagePlanMeter(clock);
        this.tierOfRole = role -> limits.tier(Role.valueOf(role));
        this.integrationTimeout = integrationTimeout;
        this.clock = clock;
    }

    /** Listens on {@code host:port} (port 0 picks a free one) and returns the port. */
    int start(String host, int port) throws IOException {
        // Without TCP_NODELAY small answers wait on delayed ACKs: about 40 ms added to every request (bench/).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(Executors.newFixedThreadPool(64, daemon("gateway")));
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    FunctionAuthorizer authorizer() {
        return authorizer;
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Answer answer = answer(exchange, requestId);
            write(exchange, answer);
        } catch (RuntimeException | IOException e) {
            LOG.error("gateway failure", Map.of("requestId", requestId), e);
        }
    }

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private Answer answer(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Route route = RouteTable.match(method, path).orElse(null);
        if (route == null) {
            return refusal(ErrorCode.NOT_FOUND, "No route for " + method + " " + path, requestId);
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            Answer tooLarge = refusal(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than 10 MB", requestId);
            tooLarge.headers().put("Connection", List.of("close"));
            return tooLarge;
        }
        ProxyEvents.HttpRequest request = new ProxyEvents.HttpRequest(method, path,
                exchange.getRequestURI().getRawQuery(), headers(exchange), body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        ObjectNode event = ProxyEvents.event(route, request, requestId, null, clock.instant());

        AuthorizerDecision decision = authorizer.authorize(route, request, event);
        switch (decision.outcome()) {
            case UNAUTHORIZED:
                return refusal(ErrorCode.INVALID_API_KEY, "API key is missing, invalid or expired", requestId);
            case DENY:
                return refusal(ErrorCode.INSUFFICIENT_PERMISSIONS, "The caller may not call " + method + " "
                        + route.pathTemplate(), requestId);
            case FAILED:
                // As the stack's AUTHORIZER_FAILURE gateway response: the authorizer could not decide, most often
                // because the key store was unreachable. Nothing ran; the caller should retry.
                return refusal(ErrorCode.SERVICE_UNAVAILABLE, "The request could not be authorized now (a backing"
                        + " service is unavailable); nothing was done, retry shortly", requestId);
            default:
                break;
        }
        Object role = decision.context().get("role");
        if (decision.usageIdentifierKey() != null && role != null) {
            switch (usagePlans.admit(decision.usageIdentifierKey(), tierOfRole.apply(role.toString()))) {
                case THROTTLED:
                    return withRetryAfter(refusal(ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                            "Too many requests for this API key's usage plan; slow down", requestId), "1");
                case QUOTA_EXCEEDED:
                    return refusal(ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                            "This API key's daily quota is used up; it resets at midnight UTC", requestId);
                default:
                    break;
            }
        }
        ((ObjectNode) event.get("requestContext")).set("authorizer", Json.MAPPER.valueToTree(decision.context()));
        if (decision.usageIdentifierKey() != null) {
            ((ObjectNode) event.get("requestContext").get("identity")).put("apiKey", decision.usageIdentifierKey());
        }
        return integrate(route, event, requestId);
    }

    private Answer integrate(Route route, ObjectNode event, String requestId) {
        if (!functions.has(route.function())) {
            return refusal(ErrorCode.SERVICE_UNAVAILABLE, route.method() + " " + route.pathTemplate()
                    + " is not served by the local platform yet (function " + route.function() + ")", requestId);
        }
        String eventJson = event.toString();
        Future<String> call = integrations.submit(() -> functions.invoke(route.function(), eventJson));
        String responseJson;
        try {
            responseJson = call.get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return refusal(ErrorCode.GATEWAY_TIMEOUT, "The integration did not answer within "
                    + integrationTimeout.toSeconds() + " s", requestId);
        } catch (ExecutionException e) {
            LOG.error("function failed", Map.of("function", route.function(), "requestId", requestId), e.getCause());
            return refusal(ErrorCode.INTERNAL_ERROR, "Internal error; quote request id " + requestId, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refusal(ErrorCode.SERVICE_UNAVAILABLE, "The gateway is stopping", requestId);
        }
        try {
            JsonNode response = Json.tree(responseJson);
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
            response.path("multiValueHeaders").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), values);
            });
            headers.putIfAbsent("X-Request-Id", List.of(requestId));
            String body = response.path("body").isNull() ? "" : response.path("body").asText("");
            byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
            return new Answer(response.path("statusCode").asInt(502), headers, bytes);
        } catch (Exception e) {
            return refusal(ErrorCode.INTERNAL_ERROR, "Malformed Lambda proxy response", requestId);
        }
    }

    private Answer refusal(ErrorCode code, String message, String requestId) {
        byte[] body = Json.write(ErrorBody.of(code, message, io.agentlaunchpad.time.Timestamps.timestamp(clock.instant()), requestId, null))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Request-Id", List.of(requestId));
        return new Answer(code.status(), headers, body);
    }

    private static Answer withRetryAfter(Answer answer, String seconds) {
        answer.headers().put("Retry-After", List.of(seconds));
        return answer;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (body.length > MAX_PAYLOAD_BYTES) {
            // Not drained: the answer closes the connection, as API Gateway does.
            return null;
        }
        return body;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, List<String>>> it = exchange.getRequestHeaders().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<String>> e = it.next();
            headers.put(e.getKey(), List.copyOf(e.getValue()));
        }
        return headers;
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        integrations.shutdownNow();
    }
}
