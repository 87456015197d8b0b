package io.agentlaunchpad.cluster;

import java.time.Duration;

/**
 * Port: being told when an agent's Deployment becomes ready, instead of asking again and again. Best effort: a
 * watch that ends, a process that stops or a bound that passes tells nothing, so callers keep a delayed check.
 */
public interface ReadinessWatch {

    /**
     * Calls {@code onReady} once (on a thread of the watch's) when the Deployment reports every wanted replica ready
     * on its current template, if that happens within {@code bound}; returns at once.
     */
    void whenReady(String namespace, String agentId, Duration bound, Runnable onReady);

    /** A watch that never tells: where nothing can watch (tests of the delayed checks alone). */
    ReadinessWatch NONE = (namespace, agentId, bound, onReady) -> {
    };
}
