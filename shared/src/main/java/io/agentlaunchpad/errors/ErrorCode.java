package io.agentlaunchpad.errors;

/**
 * The error codes of the API reference, with their HTTP statuses, plus those the platform adds. openapi.yaml's
 * {@code ErrorCode} schema lists exactly these (OpenApiContractTest).
 */
public enum ErrorCode {
    INVALID_API_KEY(401),
    INSUFFICIENT_PERMISSIONS(403),
    AGENT_NOT_FOUND(404),
    VALIDATION_ERROR(400),
    DEPLOYMENT_FAILED(500),
    RESOURCE_LIMIT_EXCEEDED(429),
    SECURITY_SCAN_FAILED(422),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    NOT_FOUND(404),
    UNSUPPORTED_MEDIA_TYPE(415),
    SERVICE_UNAVAILABLE(503),
    GATEWAY_TIMEOUT(504),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
