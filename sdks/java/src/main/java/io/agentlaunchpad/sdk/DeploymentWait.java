package io.agentlaunchpad.sdk;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@link Agents#waitUntilDeployed}: long-polls the status ({@code ?waitFor=DEPLOYED}), falls back to polling every
 * {@code interval} when the API answers at once, and hands each new timeline entry to {@code onEvent}.
 */
final class DeploymentWait {

    /** The longest the API holds a status request; the wait asks for less when less time is left. */
    private static final long MAX_WAIT_SECONDS = 20;

    private final Agents agents;
    private final Transport t;

    DeploymentWait(Agents agents, Transport transport) {
        this.agents = agents;
        this.t = transport;
    }

    ApiObject until(String agentId, Duration timeout, Duration interval, Consumer<ApiObject> onProgress,
                    Consumer<ApiObject> onEvent) {
        long deadline = System.nanoTime() + timeout.toNanos();
        NewTimelineEntries timeline = onEvent == null ? null : new NewTimelineEntries(agents, agentId);
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            long waitSeconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, left.toSeconds() - 2));
            long asked = System.nanoTime();
            ApiObject status;
            try {
                status = t.request("GET", Agents.agentPath(agentId, "/status"),
                        Transport.query("waitFor", "DEPLOYED", "timeout", waitSeconds + "s"), null,
                        RequestOptions.NONE.withTimeout(left), false);
            } catch (ApiException.ConnectionException e) {
                // A poll cut short by the deadline (its request timeout is the time left) is the wait timing out.
                if (System.nanoTime() - deadline >= 0) {
                    throw new ApiException.TimeoutException("Agent " + agentId + " not DEPLOYED after " + timeout, e);
                }
                throw e;
            }
            if (timeline != null) {
                timeline.next().forEach(onEvent);
            }
            if (onProgress != null) {
                onProgress.accept(status);
            }
            String word = status.string("status");
            if ("DEPLOYED".equals(word)) {
                return status;
            }
            if ("FAILED".equals(word)) {
                throw new ApiException.DeploymentFailedException(agentId, status.string("reason"));
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ApiException.TimeoutException("Agent " + agentId + " not DEPLOYED after " + timeout
                        + " (last status " + word + ")", null);
            }
            if (System.nanoTime() - asked < Duration.ofSeconds(waitSeconds - 1).toNanos()) {
                // answered before its wait was over without being there: an API that does not wait; poll instead
                try {
                    Thread.sleep(Math.min(interval.toMillis(), Math.max(1, remaining / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiException.CancelledException("waiting for " + agentId + " cancelled", e);
                }
            }
        }
    }
}
