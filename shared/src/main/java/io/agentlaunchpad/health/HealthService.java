package io.agentlaunchpad.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.logging.JsonLog;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * {@code GET /api/health}: every probe at once, each bounded by {@code launchpad.health.probe-timeout}, so a dead
 * component costs at most one timeout. The rule: UNHEALTHY when a critical component (database, queue) is
 * UNHEALTHY; DEGRADED when any other component is UNHEALTHY or any component is DEGRADED; HEALTHY otherwise.
 */
@ApplicationScoped
public class HealthService {

    private static final JsonLog LOG = JsonLog.of("health");

    public static final String HEALTHY = "HEALTHY";
    public static final String DEGRADED = "DEGRADED";
    public static final String UNHEALTHY = "UNHEALTHY";

    @ConfigMapping(prefix = "launchpad.health")
    public interface HealthConfig {
        /** How long each probe may take before its component counts as UNHEALTHY. */
        @WithDefault("2s")
        Duration probeTimeout();
    }

    @RegisterForReflection
    public record Report(String status, String timestamp, String version, Map<String, Map<String, Object>> components) {
    }

    private final List<ComponentProbe> probes;
    private final Duration timeout;
    private final Clock clock;
    // Daemon threads: a probe stuck past its timeout must not keep anything alive; it is abandoned, not joined.
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public HealthService(Instance<ComponentProbe> probes, HealthConfig config, Clock clock) {
        this(probes.stream().toList(), config.probeTimeout(), clock);
    }

    public HealthService(List<ComponentProbe> probes, Duration timeout, Clock clock) {
        this.probes = probes.stream().sorted(Comparator.comparing(ComponentProbe::name)).toList();
        this.timeout = timeout;
        this.clock = clock;
    }

    public Report check() {
        List<CompletableFuture<Map<String, Object>>> running = new ArrayList<>();
        for (ComponentProbe probe : probes) {
            running.add(CompletableFuture.supplyAsync(() -> run(probe), executor));
        }
        Map<String, Map<String, Object>> components = new LinkedHashMap<>();
        boolean unhealthy = false;
        boolean degraded = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < probes.size(); i++) {
            ComponentProbe probe = probes.get(i);
            Map<String, Object> component;
            try {
                component = running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.get(i).cancel(true);
                component = new LinkedHashMap<>();
                component.put("status", UNHEALTHY);
                component.put("error", "no answer within " + timeout.toMillis() + "ms");
                component.put("responseTime", timeout.toMillis() + "ms");
            } catch (Exception e) {
                component = new LinkedHashMap<>(Map.of("status", UNHEALTHY, "error", "probe failed"));
            }
            String status = (String) component.get("status");
            if (UNHEALTHY.equals(status)) {
                if (probe.critical()) {
                    unhealthy = true;
                } else {
                    degraded = true;
                }
            } else if (DEGRADED.equals(status)) {
                degraded = true;
            }
            components.put(probe.name(), component);
        }
        String overall = unhealthy ? UNHEALTHY : degraded ? DEGRADED : HEALTHY;
        return new Report(overall, timestamp(clock.instant()), version(), components);
    }

    private Map<String, Object> run(ComponentProbe probe) {
        long start = System.nanoTime();
        Map<String, Object> component = new LinkedHashMap<>();
        try {
            ComponentProbe.Result result = probe.probe();
            component.put("status", result.status());
            component.put("responseTime", millis(start) + "ms");
            component.putAll(result.fields());
        } catch (Exception e) {
            LOG.warn("health probe failed", Map.of("component", probe.name(), "error", e.getClass().getSimpleName()));
            component.put("status", UNHEALTHY);
            component.put("responseTime", millis(start) + "ms");
            component.put("error", "unreachable (" + e.getClass().getSimpleName() + ")");
        }
        return component;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The Maven project version, written into {@code launchpad-version.properties} by resource filtering. */
    public static String version() {
        try (InputStream in = HealthService.class.getResourceAsStream("/launchpad-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
