package io.agentlaunchpad.scan;

import java.time.Instant;

/**
 * Port: when the platform first saw a completed scan's findings. A registry that does not say when a scan completed
 * still gets a stable {@code scannedAt}: the first sighting, the same on every later read and in every process.
 */
public interface ScanSightings {

    /** The time {@code findingsId} was first seen; {@code now} when this is the first time. */
    Instant firstSeen(String findingsId, Instant now);
}
