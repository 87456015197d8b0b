package io.agentlaunchpad.identity;

import java.time.Instant;

/**
 * A token identity (issuer + {@code sub}, whose own user is {@code identityUserId}) that acts as the existing user
 * {@code userId}. Kept on the identity's own user record, which the authorizer reads anyway.
 */
public record IdentityLink(String identityUserId, String issuer, String subject, String userId, String username,
                           Instant linkedAt, String linkedBy) {

    private static final String PREFIX = "link-";

    /** The public id of a link: the identity's user id under another prefix, so it names one identity only. */
    public String linkId() {
        return linkIdOf(identityUserId);
    }

    public static String linkIdOf(String identityUserId) {
        return PREFIX + identityUserId.substring("user-".length());
    }

    /** The identity's user id a well-formed link id names; the caller checks the shape first. */
    public static String identityUserIdOf(String linkId) {
        return "user-" + linkId.substring(PREFIX.length());
    }
}
