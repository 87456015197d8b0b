package io.agentlaunchpad.idempotency;

import java.util.Optional;

/** Port: first answers to requests that carried an {@code Idempotency-Key}. */
public interface IdempotencyStore {

    /**
     * Records {@code claim} unless a live record holds its key already; returns that record when one does.
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord claim);

    void finish(String key, int statusCode, String response);
}
