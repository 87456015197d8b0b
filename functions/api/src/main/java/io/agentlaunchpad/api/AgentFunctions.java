package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.http.ApiCall;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Map;

/** The agent lifecycle routes. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class AgentFunctions {

    private final HttpPipeline http;
    private final AgentService agents;

    @Inject
    public AgentFunctions(HttpPipeline http, AgentService agents) {
        this.http = http;
        this.agents = agents;
    }

    @Funq
    public ProxyResponse createAgent(ProxyRequest event) {
        return http.serve("createAgent", event, call -> {
            var result = agents.create(call.principal(), call.jsonObjectBody(), call.header("Idempotency-Key"),
                    call.requestId());
            return Reply.accepted(result.view())
                    .withHeaders(result.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
        });
    }

    @Funq
    public ProxyResponse listAgents(ProxyRequest event) {
        return http.serve("listAgents", event, call -> Reply.ok(agents.list(call.principal(),
                call.intQuery("limit", 20, 1, agents.maxListLimit()),
                call.intQuery("offset", 0, 0, agents.maxListOffset()),
                call.query("status"), call.query("owner"), call.query("nextToken"))));
    }

    @Funq
    public ProxyResponse getAgent(ProxyRequest event) {
        return http.serve("getAgent", event, call -> Reply.ok(agents.get(call.principal(), call.agentId())));
    }

    @Funq
    public ProxyResponse getAgentStatus(ProxyRequest event) {
        return http.serve("getAgentStatus", event, call -> Reply.ok(agents.status(call.principal(), call.agentId(),
                call.query("waitFor"), call.query("timeout"))));
    }

    @Funq
    public ProxyResponse updateAgent(ProxyRequest event) {
        return http.serve("updateAgent", event, call -> Reply.accepted(agents.update(call.principal(),
                call.agentId(), call.jsonObjectBody(), ifMatch(call), call.requestId())));
    }

    @Funq
    public ProxyResponse scaleAgent(ProxyRequest event) {
        return http.serve("scaleAgent", event, call -> Reply.accepted(agents.scale(call.principal(),
                call.agentId(), call.jsonObjectBody(), ifMatch(call), call.requestId())));
    }

    @Funq
    public ProxyResponse restartAgent(ProxyRequest event) {
        return http.serve("restartAgent", event, call -> Reply.accepted(agents.restart(call.principal(),
                call.agentId(), ifMatch(call), call.requestId())));
    }

    @Funq
    public ProxyResponse deleteAgent(ProxyRequest event) {
        return http.serve("deleteAgent", event, call -> Reply.accepted(agents.delete(call.principal(),
                call.agentId(), ifMatch(call), call.requestId())));
    }

    private static String ifMatch(ApiCall call) {
        return call.header("If-Match");
    }
}
