package io.agentlaunchpad.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the API reference writes them. */
public final class Timestamps {

    private Timestamps() {
    }

    /** ISO-8601 UTC to the second; {@code null} stays {@code null}. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
