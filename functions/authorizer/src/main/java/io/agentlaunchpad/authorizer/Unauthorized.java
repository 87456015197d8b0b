package io.agentlaunchpad.authorizer;

/**
 * API Gateway answers 401 (its UNAUTHORIZED gateway response, which the deployment maps to the API's
 * {@code INVALID_API_KEY} error body) when the authorizer fails with exactly the message "Unauthorized".
 * The reason stays in our logs and security events, never in the answer.
 */
public class Unauthorized extends RuntimeException {

    private final String reason;

    public Unauthorized(String reason) {
        super("Unauthorized", null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
