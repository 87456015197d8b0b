package io.agentlaunchpad.sdk;

import java.time.Duration;

/**
 * Per-call settings: a timeout (retries included), a retry budget, the agent version for If-Match, and an
 * Idempotency-Key for creates (otherwise the SDK generates one per call). Cancel a call by interrupting its thread.
 */
public record RequestOptions(Duration timeout, Integer maxRetries, String ifMatch, String idempotencyKey) {

    public static final RequestOptions NONE = new RequestOptions(null, null, null, null);

    public static RequestOptions none() {
        return NONE;
    }

    public RequestOptions withTimeout(Duration timeout) {
        return new RequestOptions(timeout, maxRetries, ifMatch, idempotencyKey);
    }

    public RequestOptions withMaxRetries(int maxRetries) {
        return new RequestOptions(timeout, maxRetries, ifMatch, idempotencyKey);
    }

    /** The agent's {@code version}; sent quoted as {@code If-Match}. */
    public RequestOptions withIfMatch(long version) {
        return new RequestOptions(timeout, maxRetries, Long.toString(version), idempotencyKey);
    }

    public RequestOptions withIdempotencyKey(String key) {
        return new RequestOptions(timeout, maxRetries, ifMatch, key);
    }
}
