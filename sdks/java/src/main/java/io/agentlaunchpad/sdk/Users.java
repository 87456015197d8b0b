package io.agentlaunchpad.sdk;

import java.util.Map;

/** The caller's profile. */
public final class Users {

    private final Transport t;

    Users(Transport transport) {
        this.t = transport;
    }

    public ApiObject getProfile() {
        return t.request("GET", "/api/users/profile", null, null, RequestOptions.NONE, false);
    }

    /** e.g. {@code Map.of("email", "new@yourdomain.com", "notifications", Map.of("email", true))} */
    public ApiObject updateProfile(Map<String, ?> changes) {
        return t.request("PUT", "/api/users/profile", null, changes, RequestOptions.NONE, false);
    }
}
