package io.agentlaunchpad.idempotency;

import java.time.Instant;

/**
 * The first request made with an idempotency key: a hash of its body, the resource it creates, and, once it has
 * finished, the answer to replay ({@code response} null while it is still in flight or was interrupted).
 */
public record IdempotencyRecord(String key, String requestHash, String resourceId, Integer statusCode,
                                String response, Instant expiresAt) {

    public boolean finished() {
        return response != null;
    }
}
