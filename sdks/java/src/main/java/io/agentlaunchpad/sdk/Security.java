package io.agentlaunchpad.sdk;

/** Image scans and security events. */
public final class Security {

    private final Transport t;

    Security(Transport transport) {
        this.t = transport;
    }

    /**
     * {@code {agentId, scanId, status, image, results?, scannedAt?}}: a COMPLETED or FAILED scan ({@code status()}
     * 200), or an IN_PROGRESS one without {@code results} (202) to read back with {@link #getScan}.
     */
    public ApiObject scan(String agentId) {
        return t.request("POST", "/api/security/scan/" + Transport.enc(agentId), null, null, RequestOptions.NONE, false);
    }

    public ApiObject getScan(String scanId) {
        return t.request("GET", "/api/security/scans/" + Transport.enc(scanId), null, null, RequestOptions.NONE, false);
    }

    /** limit, severity (LOW, MEDIUM, HIGH, CRITICAL) and since may each be null. */
    public ApiObject events(Integer limit, String severity, String since) {
        return events(limit, severity, since, null);
    }

    /**
     * {@code {events, total, limit, nextToken?}}, newest first; {@code nextToken} is the previous page's (with the
     * same severity and since), or null for the first. Each event: id, type, severity, agentId?, owner, message,
     * timestamp, details, count.
     */
    public ApiObject events(Integer limit, String severity, String since, String nextToken) {
        return t.request("GET", "/api/security/events",
                Transport.query("limit", limit, "severity", severity, "since", since, "nextToken", nextToken), null,
                RequestOptions.NONE, false);
    }
}
