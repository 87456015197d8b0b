package io.agentlaunchpad.sdk;

import java.util.Map;

/** API keys. */
public final class Auth {

    private final Transport t;

    Auth(Transport transport) {
        this.t = transport;
    }

    /** {@code {apiKey, keyId, expiresAt}}; the key is shown only here. Not retried: a retry could issue two keys. */
    public ApiObject generateKey(String username, String email, String role) {
        return t.request("POST", "/api/auth/generate-key", null,
                Map.of("username", username, "email", email, "role", role), RequestOptions.NONE, false);
    }

    public ApiObject listKeys() {
        return t.request("GET", "/api/auth/keys", null, null, RequestOptions.NONE, false);
    }

    public ApiObject revokeKey(String keyId) {
        return t.request("DELETE", "/api/auth/keys/" + Transport.enc(keyId), null, null, RequestOptions.NONE, false);
    }
}
