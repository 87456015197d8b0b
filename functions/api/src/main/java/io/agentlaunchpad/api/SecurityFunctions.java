package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.api.scans.ScanService;
import io.agentlaunchpad.security.SecurityEventService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The security routes. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class SecurityFunctions {

    private final HttpPipeline http;
    private final SecurityEventService events;
    private final ScanService scans;

    @Inject
    public SecurityFunctions(HttpPipeline http, SecurityEventService events, ScanService scans) {
        this.http = http;
        this.events = events;
        this.scans = scans;
    }

    /** 200 with the results of a completed (or failed) scan; 202 with the scanId while it runs. */
    @Funq
    public ProxyResponse scanAgent(ProxyRequest event) {
        return http.serve("scanAgent", event, call -> {
            ScanService.Scan scan = scans.scan(call.principal(), call.agentId());
            return "IN_PROGRESS".equals(scan.status()) ? Reply.accepted(scan) : Reply.ok(scan);
        });
    }

    @Funq
    public ProxyResponse getScan(ProxyRequest event) {
        return http.serve("getScan", event, call -> Reply.ok(scans.get(call.principal(), call.path("scanId"))));
    }

    @Funq
    public ProxyResponse listSecurityEvents(ProxyRequest event) {
        return http.serve("listSecurityEvents", event, call -> Reply.ok(events.list(call.principal(),
                call.intQuery("limit", 50, 1, SecurityEventService.MAX_LIMIT), call.query("severity"),
                call.query("since"), call.query("nextToken"))));
    }
}
