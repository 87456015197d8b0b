package io.agentlaunchpad.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts {@link Backends} for a Quarkus test and stops them after; tests reach the running ones through
 * {@link #current()} to look at what the functions wrote.
 */
public class BackendsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Backends current;

    public static Backends current() {
        if (current == null) {
            throw new IllegalStateException("no backends are running: annotate the test with @QuarkusTestResource(BackendsResource.class)");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        current = Backends.start();
        return current.config();
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
