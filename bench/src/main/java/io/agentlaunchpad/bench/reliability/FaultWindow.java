package io.agentlaunchpad.bench.reliability;

import java.time.Duration;

/**
 * When a 503 is a fair answer: while a fault is injected, and for a grace period after it is lifted (a request that
 * started during the fault, the AWS SDK's own retries, a client's back-off). At any other time a 503 is a failure.
 */
final class FaultWindow {

    private final long graceNanos;
    private volatile boolean open;
    private volatile long closedAt = Long.MIN_VALUE;

    FaultWindow(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    static FaultWindow never() {
        return new FaultWindow(Duration.ZERO);
    }

    void open() {
        open = true;
    }

    void close() {
        closedAt = System.nanoTime();
        open = false;
    }

    boolean active() {
        return open || (closedAt != Long.MIN_VALUE && System.nanoTime() - closedAt < graceNanos);
    }
}
