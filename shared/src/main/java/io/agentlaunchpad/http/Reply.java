package io.agentlaunchpad.http;

import java.util.Map;

/** What a route handler answers: a status, a body to write as JSON, and extra headers. */
public record Reply(int status, Object body, Map<String, String> headers) {

    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body, Map.of());
    }

    public Reply withHeaders(Map<String, String> extra) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(extra);
        return new Reply(status, body, all);
    }
}
