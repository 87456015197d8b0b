package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.security.SecurityEventService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** The security routes. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class SecurityFunctions {

    private final HttpPipeline http;
    private final SecurityEventService events;

    @Inject
    public SecurityFunctions(HttpPipeline http, SecurityEventService events) {
        this.http = http;
        this.events = events;
    }

    @Funq
    public ProxyResponse listSecurityEvents(ProxyRequest event) {
        return http.serve("listSecurityEvents", event, call -> Reply.ok(events.list(call.principal(),
                call.intQuery("limit", 50, 1, SecurityEventService.MAX_LIMIT), call.query("severity"),
                call.query("since"), call.query("nextToken"))));
    }
}
