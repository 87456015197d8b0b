package io.agentlaunchpad.identity;

import java.time.Instant;
import java.util.Optional;

/** Port: user records. */
public interface UserStore {

    Optional<User> find(String userId);

    /** The API-key user of a username: under its 128-bit id, or else the 48-bit one it was given before. */
    default Optional<User> findByUsername(String username) {
        Optional<User> user = find(UserIds.of(username));
        return user.isPresent() ? user : find(UserIds.legacyOf(username));
    }

    /** Creates the user unless one with that id exists; answers the stored user either way. */
    User createIfAbsent(User user);

    void updateContact(String userId, String email, Boolean emailNotifications, Boolean slackNotifications);

    void touchLogin(String userId, Instant when);

    /** The usage-plan key value a Bearer-token user is metered under, once registered (keys/TokenUsageKeys). */
    Optional<String> usageKey(String userId);

    /**
     * Claims the registration of {@code key} for the user: false while another claim made after {@code staleBefore}
     * stands (a registration under way elsewhere); a claim older than that is taken over.
     */
    boolean claimUsageKey(String userId, String key, Instant now, Instant staleBefore);

    /** The registration is done: the user is metered under {@code key} from now on. */
    void recordUsageKey(String userId, String key);
}
