package io.agentlaunchpad.emulators;

import java.time.Duration;
import java.time.Instant;

/**
 * A kubelet's restart back-off for one container: the first restart after an exit is at once, the next ones after
 * 10 s, 20 s, 40 s, ... up to 5 min, all times the runtime's scale; a run longer than twice the cap starts the count
 * over. While it waits the container is in {@code CrashLoopBackOff}.
 */
final class RestartBackOff {

    static final Duration BASE = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private final double scale;
    private int exits;
    private Duration wait = Duration.ZERO;
    private Instant restartAt;

    RestartBackOff(double scale) {
        this.scale = scale;
    }

    /** A run that lasted {@code ran} ended at {@code now}: the next one waits its turn. */
    void exited(Duration ran, Instant now) {
        if (ran.toMillis() > MAX.toMillis() * 2 * scale) {
            exits = 0;
        }
        long millis = exits == 0 ? 0 : Math.min(BASE.toMillis() << Math.min(20, exits - 1), MAX.toMillis());
        wait = Duration.ofMillis((long) (millis * scale));
        exits++;
        restartAt = now.plus(wait);
    }

    /** Whether a restart is waiting and its time has come. */
    boolean due(Instant now) {
        return restartAt != null && !now.isBefore(restartAt);
    }

    /** The restart happened, or will not (the pod is going). */
    void clear() {
        restartAt = null;
    }

    /** Waiting out a back-off (not an immediate restart). */
    boolean backingOff() {
        return restartAt != null && !wait.isZero();
    }

    /** The wait before the pending restart. */
    Duration currentWait() {
        return wait;
    }
}
