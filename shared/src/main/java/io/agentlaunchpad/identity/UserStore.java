package io.agentlaunchpad.identity;

import java.time.Instant;
import java.util.Optional;

/** Port: user records. */
public interface UserStore {

    Optional<User> find(String userId);

    /** Creates the user unless one with that id exists; answers the stored user either way. */
    User createIfAbsent(User user);

    void updateContact(String userId, String email, Boolean emailNotifications, Boolean slackNotifications);

    void touchLogin(String userId, Instant when);
}
