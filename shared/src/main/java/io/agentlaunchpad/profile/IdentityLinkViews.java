package io.agentlaunchpad.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Response bodies of the identity-link routes (admin only). */
public final class IdentityLinkViews {

    private IdentityLinkViews() {
    }

    /** The token identity ({@code issuer}, {@code subject}) that acts as the user {@code userId}. */
    @RegisterForReflection
    public record Link(String linkId, String issuer, String subject, String userId, String username, String linkedAt,
                       String linkedBy) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Listing(List<Link> links, int limit, String nextToken) {
    }

    @RegisterForReflection
    public record Unlinked(String linkId, boolean unlinked, String unlinkedAt, String userId) {
    }
}
