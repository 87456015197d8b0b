package io.agentlaunchpad.http;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.json.Json;
import static io.agentlaunchpad.time.Timestamps.timestamp;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.limits.RateDecision;
import io.agentlaunchpad.limits.RateLimiter;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
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
import java.util.concurrent.CompletableFuture;

/**
 * What every route function does around its handler: find the caller in the authorizer context, check the route's
 * permission, run the handler, and turn its result or refusal into the proxy response with the API's error format
 * and an {@code X-Request-Id}. Nothing but an {@link ApiException} reaches the caller as more than "internal error".
 * Once the caller is known the request is counted against its key's rate windows (a refused request runs nothing),
 * and every response carries {@code X-RateLimit-*} headers; one without a countable caller (401, or the counter
 * unreachable) gets the full default window, since nothing was counted.
 */
@ApplicationScoped
public class HttpPipeline {

    private static final JsonLog LOG = JsonLog.of("http");

    private final Clock clock;
    private final int maxBodyBytes;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final SecurityEvents events;

    @Inject
    public HttpPipeline(Clock clock, LaunchpadConfig config, RateLimiter rateLimiter, Limits limits,
                        SecurityEvents events) {
        this.clock = clock;
        this.maxBodyBytes = config.agents().maxBodyBytes();
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.events = events;
    }

    public ProxyResponse serve(String function, ProxyRequest request, RouteHandler handler) {
        long started = System.nanoTime();
        Route route = RouteTable.byFunction(function);
        String requestId = request == null || request.requestId() == null || request.requestId().isBlank()
                ? "req-" + UUID.randomUUID() : request.requestId();
        MDC.put(JsonLog.REQUEST_ID, requestId);
        MDC.put(JsonLog.ROUTE, function);
        ProxyResponse response;
        Principal principal = null;
        RateDecision rate = null;
        try {
            if (request == null) {
                throw ApiException.validation("event", "an API Gateway proxy event is required");
            }
            principal = Principal.fromAuthorizerContext(request.authorizer());
            if (principal == null) {
                throw new ApiException(ErrorCode.INVALID_API_KEY, "API key is missing, invalid or expired");
            }
            MDC.put(JsonLog.PRINCIPAL, principal.userId());
            ApiCall call = new ApiCall(request, route, principal, requestId, maxBodyBytes);
            Reply reply;
            if ("GET".equals(route.method())) {
                Principal caller = principal;
                CompletableFuture<RateDecision> counting = SideCalls.start(() -> count(caller, function));
                try {
                    reply = permitted(call, handler);
                } finally {
                    // A read runs while it is counted. The count decides: a refusal (revoked key, exhausted window)
                    // thrown here replaces the handler's reply or error, so nothing the refused read saw is returned.
                    rate = SideCalls.join(counting);
                }
            } else {
                rate = count(principal, function);
                reply = permitted(call, handler);
            }
            response = respond(reply.status(), Json.write(reply.body()), reply.headers(), requestId);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.INSUFFICIENT_PERMISSIONS && principal != null) {
                denied(principal, function, e.getMessage());
            }
            response = error(e.code(), e.getMessage(), e.details(), requestId);
        } catch (RefusedWithRate e) {
            rate = e.decision;
            response = error(e.refusal.code(), e.refusal.getMessage(), e.refusal.details(), requestId);
        } catch (SdkClientException | SealingUnavailableException e) {
            LOG.error("backend unreachable", Map.of(), e);
            response = error(ErrorCode.SERVICE_UNAVAILABLE, "A backing service is unavailable; retry shortly", null, requestId);
        } catch (RuntimeException e) {
            LOG.error("unhandled error", Map.of(), e);
            response = error(ErrorCode.INTERNAL_ERROR, "Internal error; quote request id " + requestId, null, requestId);
        }
        response = withRateHeaders(response, rate, principal);
        LOG.info("request", Map.of("method", route.method(), "status", response.statusCode(),
                "durationMs", (System.nanoTime() - started) / 1_000_000));
        MDC.clear();
        return response;
    }

    private static Reply permitted(ApiCall call, RouteHandler handler) {
        Principal principal = call.principal();
        if (!principal.can(call.route().permission())) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "Role " + principal.role() + " lacks permission '" + call.route().permission() + "'");
        }
        return handler.handle(call);
    }

    /**
     * Counts the request; a revoked key or an exhausted window refuses it. A write is counted before it runs (a
     * refused write writes nothing); a read beside its handler (the count costs no round trip of its own).
     */
    private RateDecision count(Principal principal, String function) {
        if (!limits.rateLimitsEnabled()) {
            return null;
        }
        RateDecision decision = rateLimiter.acquire(principal);
        if (decision.outcome() == RateDecision.Outcome.REVOKED) {
            events.recordAggregated(SecurityEventType.AUTHENTICATION_FAILED, SecurityEvent.MEDIUM, principal.userId(),
                    "revoked#" + principal.keyId(), "Request with a revoked API key",
                    Map.of("reason", "revoked", "keyId", String.valueOf(principal.keyId())));
            throw new RefusedWithRate(new ApiException(ErrorCode.INVALID_API_KEY, "API key is missing, invalid or expired"),
                    decision);
        }
        if (decision.outcome() == RateDecision.Outcome.LIMITED) {
            events.recordAggregated(SecurityEventType.RATE_LIMITED, SecurityEvent.LOW, principal.userId(),
                    "rate#" + principal.keyId(), "Requests over the rate limit",
                    Map.of("keyId", String.valueOf(principal.keyId()), "limit", decision.limit(), "route", function));
            throw new RefusedWithRate(new ApiException(ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                    "Rate limit exceeded: " + decision.limit() + " requests per window; retry after "
                            + decision.retryAfterSeconds() + " s",
                    Map.of("limit", decision.limit(), "retryAfterSeconds", decision.retryAfterSeconds())), decision);
        }
        return decision;
    }

    private void denied(Principal principal, String function, String message) {
        events.recordAggregated(SecurityEventType.PERMISSION_DENIED, SecurityEvent.MEDIUM, principal.userId(),
                "denied#" + function, "Permission denied: " + message,
                Map.of("route", function, "role", principal.role()));
    }

    private ProxyResponse withRateHeaders(ProxyResponse response, RateDecision rate, Principal principal) {
        if (!limits.rateLimitsEnabled()) {
            return response;
        }
        RateDecision shown = rate != null ? rate : RateDecision.uncounted(limits.rate(
                principal == null ? Role.USER : Role.parse(principal.role()).orElse(Role.USER)), clock.instant());
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.putAll(shown.headers());
        return new ProxyResponse(response.statusCode(), headers, response.body(), response.isBase64Encoded());
    }

    /** A refusal decided by the rate limiter: its headers go on the error response. */
    private static final class RefusedWithRate extends RuntimeException {
        final ApiException refusal;
        final RateDecision decision;

        RefusedWithRate(ApiException refusal, RateDecision decision) {
            super(null, null, false, false);
            this.refusal = refusal;
            this.decision = decision;
        }
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
}
