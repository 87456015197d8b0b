package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.api.monitoring.AgentLogService;
import io.agentlaunchpad.api.monitoring.AgentMetricsService;
import io.agentlaunchpad.api.monitoring.MonitoringConfig;
import io.agentlaunchpad.api.monitoring.PrometheusMetricsSource;
import io.agentlaunchpad.cluster.ClusterReads;
import io.agentlaunchpad.http.HttpPipeline;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The monitoring functions as the application wires them, but reading traffic from a Prometheus the test runs. */
@ApplicationScoped
@Unremovable
class MonitoringWithPrometheus {

    @Inject
    HttpPipeline http;

    @Inject
    AgentService agents;

    @Inject
    ClusterReads cluster;

    @Inject
    AgentLogService logs;

    @Inject
    MonitoringConfig config;

    MonitoringFunctions reading(String prometheusUrl) {
        return new MonitoringFunctions(http, logs, new AgentMetricsService(agents, cluster,
                new PrometheusMetricsSource(Optional.of(prometheusUrl), Duration.ofSeconds(2)), config,
                Clock.systemUTC()));
    }
}
