package io.agentlaunchpad.api;

import io.agentlaunchpad.api.monitoring.SystemMetricsService;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Map;

/** Health and system metrics. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class SystemFunctions {

    private final HttpPipeline http;
    private final HealthService health;
    private final SystemMetricsService system;

    @Inject
    public SystemFunctions(HttpPipeline http, HealthService health, SystemMetricsService system) {
        this.http = http;
        this.health = health;
        this.system = system;
    }

    /** 200 HEALTHY or DEGRADED, 503 UNHEALTHY; the same body either way. */
    @Funq
    public ProxyResponse getHealth(ProxyRequest event) {
        return http.serve("getHealth", event, call -> {
            HealthService.Report report = health.check();
            int status = HealthService.UNHEALTHY.equals(report.status()) ? 503 : 200;
            return new Reply(status, report, Map.of("Cache-Control", "no-store"));
        });
    }

    @Funq
    public ProxyResponse getSystemMetrics(ProxyRequest event) {
        return http.serve("getSystemMetrics", event, call -> Reply.ok(system.metrics()));
    }
}
