package io.agentlaunchpad.limits;

import io.agentlaunchpad.quantity.Quantity;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.access.Role;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers of every limit, per role, read from one configuration ({@code launchpad.rate-limits.*},
 * {@code launchpad.quotas.*}, {@code launchpad.usage-plans.*}): the functions enforce them, the infrastructure and the
 * local gateway declare the usage plans from them.
 */
public final class Limits {

    /** Requests per key: {@code windowLimit} per {@code windowSeconds} and {@code burstLimit} per {@code burstWindowSeconds}. */
    public record Rate(long windowLimit, int windowSeconds, long burstLimit, int burstWindowSeconds) {
    }

    /** Per user: agents, replicas of one agent, and the CPU (millicores) and memory (bytes) of all replicas together. */
    public record Quota(long agents, long replicasPerAgent, long milliCpu, long memoryBytes) {
    }

    /**
     * An API Gateway usage plan: steady rate (requests/second), burst, daily quota, its id once deployed, and the
     * value of the tier's shared key for Bearer-token callers (the plan that holds it is the tier's plan).
     */
    public record UsageTier(double rate, int burst, long quotaPerDay, Optional<String> planId, Optional<String> jwtKey) {
    }

    private final boolean rateLimitsEnabled;
    private final Map<Role, Rate> rates = new EnumMap<>(Role.class);
    private final Map<Role, Quota> quotas = new EnumMap<>(Role.class);
    private final Map<Role, UsageTier> tiers = new EnumMap<>(Role.class);

    public Limits(LaunchpadConfig config) {
        var r = config.rateLimits();
        var q = config.quotas();
        var u = config.usagePlans();
        this.rateLimitsEnabled = r.enabled();
        rates.put(Role.ADMIN, rate(r.admin(), r));
        rates.put(Role.USER, rate(r.user(), r));
        rates.put(Role.VIEWER, rate(r.viewer(), r));
        quotas.put(Role.ADMIN, quota(q.admin()));
        quotas.put(Role.USER, quota(q.user()));
        quotas.put(Role.VIEWER, quota(q.viewer()));
        tiers.put(Role.ADMIN, tier(u.admin(), u.adminPlanId(), u.adminJwtKey()));
        tiers.put(Role.USER, tier(u.user(), u.userPlanId(), u.userJwtKey()));
        tiers.put(Role.VIEWER, tier(u.viewer(), u.viewerPlanId(), u.viewerJwtKey()));
    }

    public boolean rateLimitsEnabled() {
        return rateLimitsEnabled;
    }

    public Rate rate(Role role) {
        return rates.get(role);
    }

    public Quota quota(Role role) {
        return quotas.get(role);
    }

    public UsageTier tier(Role role) {
        return tiers.get(role);
    }

    private static Rate rate(String text, LaunchpadConfig.RateLimits r) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a rate limit is '<window limit>,<burst limit>', got '" + text + "'");
        }
        return new Rate(Long.parseLong(parts[0].trim()), r.windowSeconds(), Long.parseLong(parts[1].trim()),
                r.burstWindowSeconds());
    }

    private static Quota quota(String text) {
        Map<String, String> f = fields(text);
        return new Quota(Long.parseLong(f.get("agents")), Long.parseLong(f.get("replicas")),
                Quantity.require(f.get("cpu")).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING)
                        .longValueExact(),
                Quantity.require(f.get("memory")).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static UsageTier tier(String text, Optional<String> planId, Optional<String> jwtKey) {
        Map<String, String> f = fields(text);
        return new UsageTier(Double.parseDouble(f.get("rate")), Integer.parseInt(f.get("burst")),
                Long.parseLong(f.get("quota")), planId, jwtKey);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new HashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=value pairs, got '" + text + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }
}
