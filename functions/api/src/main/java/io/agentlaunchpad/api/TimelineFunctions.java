package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.timeline.TimelineService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** An agent's rollout timeline ({@code GET /api/agents/{agentId}/events}); waiting on it is getAgentStatus's. */
public class TimelineFunctions {

    private final HttpPipeline http;
    private final TimelineService timeline;

    @Inject
    public TimelineFunctions(HttpPipeline http, TimelineService timeline) {
        this.http = http;
        this.timeline = timeline;
    }

    @Funq
    public ProxyResponse listAgentEvents(ProxyRequest event) {
        return http.serve("listAgentEvents", event, call -> Reply.ok(timeline.list(call.principal(), call.agentId(),
                call.intQuery("limit", 20, 1, TimelineService.MAX_LIMIT), call.query("nextToken"))));
    }
}
