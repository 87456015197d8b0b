package io.agentlaunchpad.sdk;

/** Platform health and metrics ({@code client.system()}). */
public final class SystemApi {

    private final Transport t;

    SystemApi(Transport transport) {
        this.t = transport;
    }

    public ApiObject health() {
        return t.request("GET", "/api/health", null, null, RequestOptions.NONE, false);
    }

    public ApiObject metrics() {
        return t.request("GET", "/api/system/metrics", null, null, RequestOptions.NONE, false);
    }
}
