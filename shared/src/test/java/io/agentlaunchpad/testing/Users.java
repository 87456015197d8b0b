package io.agentlaunchpad.testing;

import java.util.UUID;

/** Callers for tests: each test's own user, so tests sharing one application and one set of tables never meet. */
public final class Users {

    private Users() {
    }

    /** A user id no other test uses ({@code user-} and eight hex digits). */
    public static String newUser() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
