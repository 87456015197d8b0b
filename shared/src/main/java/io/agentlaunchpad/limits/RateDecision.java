package io.agentlaunchpad.limits;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rate limiter decided, with the numbers of the window that runs out first (the 15-minute window, or the
 * one-minute burst window when fewer requests are left in it).
 */
public record RateDecision(Outcome outcome, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {

    public enum Outcome { ALLOWED, LIMITED, REVOKED }

    /** Headers of a request that was not counted (no key to count it against): the full default window. */
    public static RateDecision uncounted(Limits.Rate rate, Instant now) {
        long start = now.getEpochSecond() / rate.windowSeconds() * rate.windowSeconds();
        return new RateDecision(Outcome.ALLOWED, rate.windowLimit(), rate.windowLimit(), start + rate.windowSeconds(), 0);
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Long.toString(limit));
        headers.put("X-RateLimit-Remaining", Long.toString(Math.max(0, remaining)));
        headers.put("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
        if (outcome == Outcome.LIMITED) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return headers;
    }
}
