package io.agentlaunchpad.http;

import io.agentlaunchpad.errors.ErrorCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"error": {"code", "message", "timestamp", "requestId", "details"}}} as the API reference shows it. */
@RegisterForReflection
public record ErrorBody(Error error) {

    @RegisterForReflection
    public record Error(String code, String message, String timestamp, String requestId, Object details) {
    }

    public static ErrorBody of(ErrorCode code, String message, String timestamp, String requestId, Object details) {
        return new ErrorBody(new Error(code.name(), message, timestamp, requestId, details));
    }
}
