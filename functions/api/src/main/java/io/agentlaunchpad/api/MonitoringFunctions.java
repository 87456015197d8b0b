package io.agentlaunchpad.api;

import io.agentlaunchpad.api.monitoring.AgentLogService;
import io.agentlaunchpad.api.monitoring.AgentMetricsService;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** An agent's logs and metrics. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class MonitoringFunctions {

    private final HttpPipeline http;
    private final AgentLogService logs;
    private final AgentMetricsService metrics;

    @Inject
    public MonitoringFunctions(HttpPipeline http, AgentLogService logs, AgentMetricsService metrics) {
        this.http = http;
        this.logs = logs;
        this.metrics = metrics;
    }

    @Funq
    public ProxyResponse getAgentMetrics(ProxyRequest event) {
        return http.serve("getAgentMetrics", event, call -> Reply.ok(metrics.metrics(call.principal(), call.agentId())));
    }

    @Funq
    public ProxyResponse getAgentLogs(ProxyRequest event) {
        return http.serve("getAgentLogs", event, call -> {
            String agentId = call.agentId();
            int lines = call.intQuery("lines", 100, 1, logs.maxLines());
            return Reply.ok(logs.logs(call.principal(), agentId, lines, call.query("since"), call.query("follow"),
                    call.query("cursor")));
        });
    }
}
