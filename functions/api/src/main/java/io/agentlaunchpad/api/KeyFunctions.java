package io.agentlaunchpad.api;

import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.http.Reply;
import io.agentlaunchpad.keys.KeyService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Map;

/** The API key routes. The one-time key is in generateKey's answer and nowhere else. */
public class KeyFunctions {

    private final HttpPipeline http;
    private final KeyService keys;

    @Inject
    public KeyFunctions(HttpPipeline http, KeyService keys) {
        this.http = http;
        this.keys = keys;
    }

    @Funq
    public ProxyResponse generateKey(ProxyRequest event) {
        return http.serve("generateKey", event, call -> new Reply(201,
                keys.generate(call.principal(), call.jsonObjectBody()), Map.of("Cache-Control", "no-store")));
    }

    @Funq
    public ProxyResponse listKeys(ProxyRequest event) {
        return http.serve("listKeys", event, call -> Reply.ok(keys.list(call.principal())));
    }

    @Funq
    public ProxyResponse revokeKey(ProxyRequest event) {
        return http.serve("revokeKey", event, call -> Reply.ok(keys.revoke(call.principal(), call.path("keyId"))));
    }
}
