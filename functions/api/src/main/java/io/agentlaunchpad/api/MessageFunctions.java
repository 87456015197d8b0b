package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.messages.MessageRequests;
import io.agentlaunchpad.messages.MessageService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Conversations with a running agent. Each function is one Lambda (QUARKUS_FUNQY_EXPORT), named as in the route table. */
public class MessageFunctions {

    private final HttpPipeline http;
    private final MessageService messages;

    @Inject
    public MessageFunctions(HttpPipeline http, MessageService messages) {
        this.http = http;
        this.messages = messages;
    }

    @Funq
    public ProxyResponse sendAgentMessage(ProxyRequest event) {
        return http.serve("sendAgentMessage", event, call -> Reply.ok(messages.send(call.principal(), call.agentId(),
                call.jsonObjectBody())));
    }

    @Funq
    public ProxyResponse listAgentMessages(ProxyRequest event) {
        return http.serve("listAgentMessages", event, call -> Reply.ok(messages.list(call.principal(), call.agentId(),
                call.intQuery("limit", MessageRequests.DEFAULT_LIMIT, 1, messages.maxLimit()), call.query("userId"))));
    }
}
