package io.agentlaunchpad.async;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A request's second backend call, made beside its first so that the two cost one round trip (the rate-limit count
 * beside a read, the agent count beside its page, the cluster beside the agent's record). Daemon threads: a warm
 * Lambda or the local platform keeps them; nothing waits on them to exit. The request's log context goes along.
 */
public final class SideCalls {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "side-call");
        thread.setDaemon(true);
        return thread;
    });

    private SideCalls() {
    }

    public static <T> CompletableFuture<T> start(Supplier<T> call) {
        Map<String, Object> context = logContext();
        return CompletableFuture.supplyAsync(() -> {
            context.forEach(MDC::put);
            try {
                return call.get();
            } finally {
                MDC.clear();
            }
        }, POOL);
    }

    /**
     * A copy of the caller's log context. Some logging providers (the JDK one the local platform runs with) hand out
     * the thread's live map: iterated on the side thread while the request goes on adding to it, it threw
     * ConcurrentModificationException and the request answered 500.
     */
    static Map<String, Object> logContext() {
        return copyOf(MDC.getMap());
    }

    static Map<String, Object> copyOf(Map<String, Object> live) {
        return live == null ? Map.of() : new HashMap<>(live);
    }

    /** The call's result, or the exception it threw as it threw it. */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a backend call", e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime instanceof CompletionException && runtime.getCause() != null
                    ? rethrown(runtime.getCause()) : runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
