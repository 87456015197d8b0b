package io.agentlaunchpad.api;

import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** An agent's revisions and the rollback to one of them. Each function is one Lambda, named as in the route table. */
public class RevisionFunctions {

    private final HttpPipeline http;
    private final AgentService agents;

    @Inject
    public RevisionFunctions(HttpPipeline http, AgentService agents) {
        this.http = http;
        this.agents = agents;
    }

    @Funq
    public ProxyResponse listAgentRevisions(ProxyRequest event) {
        return http.serve("listAgentRevisions", event, call -> Reply.ok(agents.revisions(call.principal(),
                call.agentId(), call.intQuery("limit", 20, 1, agents.maxListLimit()), call.query("nextToken"))));
    }

    @Funq
    public ProxyResponse getAgentRevision(ProxyRequest event) {
        return http.serve("getAgentRevision", event, call -> Reply.ok(agents.revision(call.principal(),
                call.agentId(), call.path("revision"))));
    }

    @Funq
    public ProxyResponse rollbackAgent(ProxyRequest event) {
        return http.serve("rollbackAgent", event, call -> Reply.accepted(agents.rollback(call.principal(),
                call.agentId(), call.jsonObjectBody(), call.header("If-Match"), call.requestId())));
    }
}
