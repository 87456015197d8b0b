package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.api.ops.AgentLogService;
import io.agentlaunchpad.api.ops.AgentMetricsService;
import io.agentlaunchpad.api.ops.OpsConfig;
import io.agentlaunchpad.api.ops.PrometheusMetricsSource;
import io.agentlaunchpad.http.HttpPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    KubernetesClient kube;

    @Inject
    AgentLogService logs;

    @Inject
    OpsConfig config;

    MonitoringFunctions reading(String prometheusUrl) {
        return new MonitoringFunctions(http, logs, new AgentMetricsService(agents, kube,
                new PrometheusMetricsSource(Optional.of(prometheusUrl), Duration.ofSeconds(2)), config,
                Clock.systemUTC()));
    }
}
