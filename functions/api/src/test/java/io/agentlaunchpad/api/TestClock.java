package io.agentlaunchpad.api;

import io.agentlaunchpad.testing.MutableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Instant;

/** A clock the limit tests move by hand, so window boundaries are theirs to choose (enabled by {@link TightLimits}). */
@Alternative
@Singleton
public class TestClock extends MutableClock {

    public TestClock() {
        super(Instant.parse("2030-01-01T00:00:05Z"));
    }
}
