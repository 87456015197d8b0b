package io.agentlaunchpad.local;

import io.agentlaunchpad.limits.Limits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's usage plans at the edge, per API key: a token bucket (steady rate, burst) and a daily quota reset at
 * midnight UTC, with the numbers of the key's tier from the same configuration the infrastructure declares.
 * Kept in memory: a restart of the local platform starts every bucket full and every quota at zero.
 */
final class UsagePlanMeter {

    enum Outcome { ALLOWED, THROTTLED, QUOTA_EXCEEDED }

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;
        LocalDate day;
        long usedToday;
    }

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    UsagePlanMeter(Clock clock) {
        this.clock = clock;
    }

    Outcome admit(String key, Limits.UsageTier tier) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = tier.burst();
            b.refilledAtNanos = System.nanoTime();
            return b;
        });
        synchronized (bucket) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (!today.equals(bucket.day)) {
                bucket.day = today;
                bucket.usedToday = 0;
            }
            if (bucket.usedToday >= tier.quotaPerDay()) {
                return Outcome.QUOTA_EXCEEDED;
            }
            long now = System.nanoTime();
            bucket.tokens = Math.min(tier.burst(), bucket.tokens + (now - bucket.refilledAtNanos) / 1e9 * tier.rate());
            bucket.refilledAtNanos = now;
            if (bucket.tokens < 1) {
                return Outcome.THROTTLED;
            }
            bucket.tokens -= 1;
            bucket.usedToday++;
            return Outcome.ALLOWED;
        }
    }
}
