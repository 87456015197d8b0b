package io.agentlaunchpad.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

/** Image scans and security events. */
public final class Security {

    private final Transport t;

    Security(Transport transport) {
        this.t = transport;
    }

    public ApiObject scan(String agentId) {
        return t.request("POST", "/api/security/scan/" + Transport.enc(agentId), null, null, RequestOptions.NONE, false);
    }

    public ApiObject getScan(String scanId) {
        return t.request("GET", "/api/security/scans/" + Transport.enc(scanId), null, null, RequestOptions.NONE, false);
    }

    /** limit, severity (LOW, MEDIUM, HIGH, CRITICAL) and since may each be null. */
    public ApiObject events(Integer limit, String severity, String since) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("limit", limit);
        q.put("severity", severity);
        q.put("since", since);
        return t.request("GET", "/api/security/events", q, null, RequestOptions.NONE, false);
    }
}
