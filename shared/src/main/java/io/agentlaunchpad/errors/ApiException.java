package io.agentlaunchpad.errors;

import java.util.List;

/** A refusal the caller can act on; becomes the API's error body. Never carries a secret. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Object details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public static ApiException validation(List<FieldError> errors) {
        String message = errors.size() == 1
                ? "Invalid " + errors.get(0).field() + ": " + errors.get(0).message()
                : "Request validation failed: " + errors.size() + " problems";
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, List.copyOf(errors));
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException agentNotFound(String agentId) {
        return new ApiException(ErrorCode.AGENT_NOT_FOUND, "Agent with ID '" + agentId + "' not found");
    }

    public ErrorCode code() {
        return code;
    }

    public Object details() {
        return details;
    }
}
