package io.agentlaunchpad.http;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.secrets.SealingUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every route function does around its handler: find the caller in the authorizer context, check the route's
 * permission, run the handler, and turn its result or refusal into the proxy response with the API's error format
 * and an {@code X-Request-Id}. Nothing but an {@link ApiException} reaches the caller as more than "internal error".
 */
@ApplicationScoped
public class HttpPipeline {

    private static final JsonLog LOG = JsonLog.of("http");

    private final Clock clock;
    private final int maxBodyBytes;

    @Inject
    public HttpPipeline(Clock clock, LaunchpadConfig config) {
        this(clock, config.agents().maxBodyBytes());
    }

    public HttpPipeline(Clock clock, int maxBodyBytes) {
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    public ProxyResponse serve(String function, ProxyRequest request, RouteHandler handler) {
        long started = System.nanoTime();
        Route route = RouteTable.byFunction(function);
        String requestId = request == null || request.requestId() == null || request.requestId().isBlank()
                ? "req-" + UUID.randomUUID() : request.requestId();
        MDC.put(JsonLog.REQUEST_ID, requestId);
        MDC.put(JsonLog.ROUTE, function);
        ProxyResponse response;
        try {
            if (request == null) {
                throw ApiException.validation("event", "an API Gateway proxy event is required");
            }
            Principal principal = Principal.fromAuthorizerContext(request.authorizer());
            if (principal == null) {
                throw new ApiException(ErrorCode.INVALID_API_KEY, "API key is missing, invalid or expired");
            }
            MDC.put(JsonLog.PRINCIPAL, principal.userId());
            if (!principal.can(route.permission())) {
                throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "Role " + principal.role() + " lacks permission '" + route.permission() + "'");
            }
            Reply reply = handler.handle(new ApiCall(request, route, principal, requestId, maxBodyBytes));
            response = respond(reply.status(), Json.write(reply.body()), reply.headers(), requestId);
        } catch (ApiException e) {
            response = error(e.code(), e.getMessage(), e.details(), requestId);
        } catch (SdkClientException | SealingUnavailableException e) {
            LOG.error("backend unreachable", Map.of(), e);
            response = error(ErrorCode.SERVICE_UNAVAILABLE, "A backing service is unavailable; retry shortly", null, requestId);
        } catch (RuntimeException e) {
            LOG.error("unhandled error", Map.of(), e);
            response = error(ErrorCode.INTERNAL_ERROR, "Internal error; quote request id " + requestId, null, requestId);
        }
        LOG.info("request", Map.of("method", route.method(), "status", response.statusCode(),
                "durationMs", (System.nanoTime() - started) / 1_000_000));
        MDC.clear();
        return response;
    }

    public ProxyResponse error(ErrorCode code, String message, Object details, String requestId) {
        String body = Json.write(ErrorBody.of(code, message, timestamp(clock.instant()), requestId, details));
        return respond(code.status(), body, Map.of(), requestId);
    }

    private static ProxyResponse respond(int status, String body, Map<String, String> extra, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Request-Id", requestId);
        headers.putAll(extra);
        return new ProxyResponse(status, headers, body, false);
    }

    /** ISO-8601 UTC to the second, as the API reference writes every time. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
