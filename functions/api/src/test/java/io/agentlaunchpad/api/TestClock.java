package io.agentlaunchpad.api;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the limit tests move by hand, so window boundaries are theirs to choose (enabled by {@link TightLimits}). */
@Alternative
@Singleton
public class TestClock extends Clock {

    private volatile Instant now = Instant.parse("2030-01-01T00:00:05Z");

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
