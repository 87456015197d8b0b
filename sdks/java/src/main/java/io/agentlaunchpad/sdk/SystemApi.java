package io.agentlaunchpad.sdk;

/** Platform health and metrics ({@code client.system()}). */
public final class SystemApi {

    private final Transport t;

    SystemApi(Transport transport) {
        this.t = transport;
    }

    /**
     * {@code {status, timestamp, version, components: {database, queue, kubernetes, registry}}}, HEALTHY or
     * DEGRADED; an UNHEALTHY platform answers 503, thrown as a ServerException whose body is the report.
     */
    public ApiObject health() {
        return t.request("GET", "/api/health", null, null, RequestOptions.NONE, false);
    }

    /** Admins only: {@code {system, resources: {cpu, memory, storage}, timestamp}}. */
    public ApiObject metrics() {
        return t.request("GET", "/api/system/metrics", null, null, RequestOptions.NONE, false);
    }
}
