package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.profile.IdentityLinkService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Map;

/** Linking token identities to existing users (admin only; docs/identity.md). */
public class IdentityLinkFunctions {

    private final HttpPipeline http;
    private final IdentityLinkService links;

    @Inject
    public IdentityLinkFunctions(HttpPipeline http, IdentityLinkService links) {
        this.http = http;
        this.links = links;
    }

    @Funq
    public ProxyResponse linkIdentity(ProxyRequest event) {
        return http.serve("linkIdentity", event,
                call -> new Reply(201, links.link(call.principal(), call.jsonObjectBody()), Map.of()));
    }

    @Funq
    public ProxyResponse listIdentityLinks(ProxyRequest event) {
        return http.serve("listIdentityLinks", event, call -> Reply.ok(links.list(call.principal(),
                call.intQuery("limit", 20, 1, IdentityLinkService.MAX_LIMIT), call.query("nextToken"))));
    }

    @Funq
    public ProxyResponse unlinkIdentity(ProxyRequest event) {
        return http.serve("unlinkIdentity", event,
                call -> Reply.ok(links.unlink(call.principal(), call.path("linkId"))));
    }
}
