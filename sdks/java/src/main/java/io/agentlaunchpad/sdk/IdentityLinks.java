package io.agentlaunchpad.sdk;

import java.util.Map;

/**
 * Links of token identities (issuer + {@code sub}) to existing users: admin only. A linked token acts as the user
 * (keys, agents, limits) with the role of its own groups; nothing is moved by a link or an unlink.
 */
public final class IdentityLinks {

    private final Transport t;

    IdentityLinks(Transport transport) {
        this.t = transport;
    }

    /** {@code {linkId, issuer, subject, userId, username, linkedAt, linkedBy}}; 409 when already linked. */
    public ApiObject link(String issuer, String subject, String username) {
        return t.request("POST", "/api/users/links", null,
                Map.of("issuer", issuer, "subject", subject, "username", username), RequestOptions.NONE, false);
    }

    /** Every link, page by page; iterate for pages, items() for links. */
    public Pages list(Integer limit) {
        return new Pages(token -> t.request("GET", "/api/users/links",
                Transport.query("limit", limit, "nextToken", token), null, RequestOptions.NONE, false), "links");
    }

    /** The identity is its own user again from its next request. */
    public ApiObject unlink(String linkId) {
        return t.request("DELETE", "/api/users/links/" + Transport.enc(linkId), null, null, RequestOptions.NONE,
                false);
    }
}
