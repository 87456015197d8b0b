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
        Object details = error.get("details");
        return switch (status) {
            case 400 -> new ValidationException(message, code, status, requestId, details, headers, body);
            case 401 -> new AuthenticationException(message, code, status, requestId, details, headers, body);
            case 403 -> new PermissionException(message, code, status, requestId, details, headers, body);
            case 404 -> new NotFoundException(message, code, status, requestId, details, headers, body);
            case 409 -> new ConflictException(message, code, status, requestId, details, headers, body);
            case 429 -> new RateLimitException(message, code, status, requestId, details, headers, body);
            default -> status >= 500
                    ? new ServerException(message, code, status, requestId, details, headers, body)
                    : new ApiException(message, code, status, requestId, details, headers, body, null);
        };
    }

    public static class ValidationException extends ApiException {
        ValidationException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class AuthenticationException extends ApiException {
        AuthenticationException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class PermissionException extends ApiException {
        PermissionException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class NotFoundException extends ApiException {
        NotFoundException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class ConflictException extends ApiException {
        ConflictException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class RateLimitException extends ApiException {
        RateLimitException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
        }
    }

    public static class ServerException extends ApiException {
        ServerException(String m, String c, int s, String r, Object d, Map<String, String> h, Object b) {
            super(m, c, s, r, d, h, b, null);
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
