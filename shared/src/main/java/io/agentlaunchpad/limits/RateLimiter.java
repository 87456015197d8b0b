package io.agentlaunchpad.limits;

import io.agentlaunchpad.access.Principal;

/**
 * Port: per-key request windows. It also carries revocation to the functions: a revoked key is refused here even
 * while API Gateway still has the authorizer's answer for it cached.
 */
public interface RateLimiter {

    /** Counts one request of the caller (by key, or by user for JWT callers) unless a window is exhausted. */
    RateDecision acquire(Principal caller);

    /** From the next request on, the key is refused whatever the authorizer cache says. */
    void revoke(String keyId);
}
