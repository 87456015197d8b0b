package io.agentlaunchpad.identity;

import java.util.List;
import java.util.Optional;

/** Port: links of token identities to existing users (docs/identity.md, Linking). */
public interface IdentityLinkStore {

    /**
     * Records the link on the identity's user record, making that record (from {@code firstSeen}) when the identity
     * has never called; false when the identity is already linked.
     */
    boolean link(IdentityLink link, User firstSeen);

    /** Removes the identity's link and answers it; empty when it had none. */
    Optional<IdentityLink> unlink(String identityUserId);

    /** Up to {@code limit} links, continuing after the identity {@code afterIdentityUserId} (null: from the start). */
    Page page(int limit, String afterIdentityUserId);

    /** One page; {@code last} is where the next continues (null: no more). */
    record Page(List<IdentityLink> links, String last) {
    }
}
