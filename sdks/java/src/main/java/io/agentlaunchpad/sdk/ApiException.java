package io.agentlaunchpad.sdk;

import java.util.List;
import java.util.Map;

/**
 * An error the API answered (or no answer). {@code code} is one of the API's error codes; quote {@code requestId}
 * to support. Subclasses say what kind of problem it is, so callers catch what they can handle.
 */
public class ApiException extends RuntimeException {

    private final String code;
    private final int status;
    private final String requestId;
    private final Object details;
    private final Map<String, String> headers;
    private final Object body;

    public ApiException(String message, String code, int status, String requestId, Object details,
                        Map<String, String> headers, Object body, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.requestId = requestId;
        this.details = details;
        this.headers = headers == null ? Map.of() : headers;
        this.body = body;
    }

    ApiException(String message, String code, Throwable cause) {
        this(message, code, 0, null, null, Map.of(), null, cause);
    }

    private ApiException(Answer answer) {
        this(answer.message, answer.code, answer.status, answer.requestId, answer.details, answer.headers, answer.body,
                null);
    }

    /** What an error response said, read once by {@link #of} and handed to the subclass its status picks. */
    record Answer(String message, String code, int status, String requestId, Object details,
                  Map<String, String> headers, Object body) {
    }

    public String code() {
        return code;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public String requestId() {
        return requestId;
    }

    /** For VALIDATION_ERROR a list of {@code {field, message}} maps; otherwise whatever the API added, or null. */
    public Object details() {
        return details;
    }

    /** VALIDATION_ERROR details as (field, message) pairs. */
    public List<FieldError> fieldErrors() {
        if (!(details instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .map(m -> new FieldError(String.valueOf(m.get("field")), String.valueOf(m.get("message")))).toList();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The error body as parsed JSON (a Map), or null. */
    public Object body() {
        return body;
    }

    public record FieldError(String field, String message) {
    }

    static ApiException of(int status, Map<String, String> headers, Object body) {
        Map<?, ?> error = body instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e ? e : Map.of();
        String code = error.get("code") instanceof String c ? c : "HTTP_" + status;
        String message = error.get("message") instanceof String s ? s : "HTTP " + status;
        String requestId = error.get("requestId") instanceof String r ? r : headers.get("x-request-id");
        Answer answer = new Answer(message, code, status, requestId, error.get("details"), headers, body);
        return switch (status) {
            case 400 -> new ValidationException(answer);
            case 401 -> new AuthenticationException(answer);
            case 403 -> new PermissionException(answer);
            case 404 -> new NotFoundException(answer);
            case 409 -> new ConflictException(answer);
            case 429 -> new RateLimitException(answer);
            default -> status >= 500 ? new ServerException(answer) : new ApiException(answer);
        };
    }

    /** 400: the request was refused; {@link #fieldErrors()} names the fields. */
    public static class ValidationException extends ApiException {
        ValidationException(Answer answer) {
            super(answer);
        }
    }

    /** 401: no credential, or one the API does not accept. */
    public static class AuthenticationException extends ApiException {
        AuthenticationException(Answer answer) {
            super(answer);
        }
    }

    /** 403: the caller's role may not do this. */
    public static class PermissionException extends ApiException {
        PermissionException(Answer answer) {
            super(answer);
        }
    }

    /** 404: no such resource, or one the caller may not see. */
    public static class NotFoundException extends ApiException {
        NotFoundException(Answer answer) {
            super(answer);
        }
    }

    /** 409: the resource is not in a state that allows this (or the If-Match revision is stale). */
    public static class ConflictException extends ApiException {
        ConflictException(Answer answer) {
            super(answer);
        }
    }

    /** 429: over the rate limit; {@link #headers()} carry Retry-After and X-RateLimit-Reset. */
    public static class RateLimitException extends ApiException {
        RateLimitException(Answer answer) {
            super(answer);
        }
    }

    /** 5xx: the API failed or timed out (GATEWAY_TIMEOUT for a message without a reply). */
    public static class ServerException extends ApiException {
        ServerException(Answer answer) {
            super(answer);
        }
    }

    /** No answer: refused, reset, unresolvable. */
    public static class ConnectionException extends ApiException {
        ConnectionException(String message, Throwable cause) {
            super(message, "CONNECTION_FAILED", cause);
        }
    }

    /** The per-call timeout (or waitUntilDeployed's) elapsed. */
    public static class TimeoutException extends ApiException {
        TimeoutException(String message, Throwable cause) {
            super(message, "TIMEOUT", cause);
        }
    }

    /** The call was cancelled: the calling thread was interrupted. The interrupt flag is set again. */
    public static class CancelledException extends ApiException {
        CancelledException(String message, Throwable cause) {
            super(message, "CANCELLED", cause);
        }
    }

    /** waitUntilDeployed saw the agent FAILED; {@link #reason()} says why. */
    public static class DeploymentFailedException extends ApiException {
        private final String agentId;
        private final String reason;

        DeploymentFailedException(String agentId, String reason) {
            super("Agent " + agentId + " failed: " + (reason == null ? "no reason given" : reason),
                    "DEPLOYMENT_FAILED", null);
            this.agentId = agentId;
            this.reason = reason;
        }

        public String agentId() {
            return agentId;
        }

        public String reason() {
            return reason;
        }
    }
}
