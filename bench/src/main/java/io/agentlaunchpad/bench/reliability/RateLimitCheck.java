package io.agentlaunchpad.bench.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs beside the load: one caller whose role allows {@link #PER_MINUTE} requests a minute, asking about three times that.
 * Every window (told apart by the {@code X-RateLimit-Reset} the platform answers) must let exactly
 * {@code min(asked, limit)} through, and every refusal must be a 429 {@code RESOURCE_LIMIT_EXCEEDED} in the error
 * format with a {@code Retry-After} that points into the window's remaining time.
 */
final class RateLimitCheck implements Runnable {

    static final int PER_MINUTE = 30;
    static final String ROLE = "viewer";

    private final Http http;
    private final Tally tally;
    private final Duration every;
    private final Map<String, int[]> windows = new TreeMap<>();
    private volatile boolean running = true;

    RateLimitCheck(String baseUrl, Api.Key caller, Tally tally) {
        this.http = new Http(baseUrl, Map.of("{{key}}", caller.apiKey()));
        this.tally = tally;
        this.every = Duration.ofMillis(60_000 / (3 * PER_MINUTE));
    }

    /** The limits this check relies on, set before the platform starts (the other roles' are lifted). */
    static void configure() {
        System.setProperty("launchpad.rate-limits." + ROLE, "100000000," + PER_MINUTE);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        Probe probe = Probe.to("listAgents", "GET", "/api/agents?limit=1").header("X-API-Key", "{{key}}")
                .as("rate limit", "viewer");
        while (running) {
            Http.Answer answer = http.send(probe);
            check(answer);
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(Http.Answer answer) {
        String group = "rate limit (" + PER_MINUTE + "/min)";
        if (!answer.answered()) {
            tally.fail(group, 0, "rate limit probe: no answer: " + answer.failure());
            return;
        }
        String reset = answer.header("X-RateLimit-Reset");
        String limit = answer.header("X-RateLimit-Limit");
        if (reset == null || !String.valueOf(PER_MINUTE).equals(limit)) {
            tally.fail(group, answer.status(), "rate limit probe: " + answer.status() + " with X-RateLimit-Limit "
                    + limit + ", X-RateLimit-Reset " + reset);
            return;
        }
        int[] window = windows.computeIfAbsent(reset, r -> new int[2]);
        if (answer.status() == 200) {
            window[0]++;
            tally.pass(group, 200);
            return;
        }
        window[1]++;
        String retryAfter = answer.header("Retry-After");
        long untilReset = Long.parseLong(reset) - System.currentTimeMillis() / 1000;
        boolean fair = answer.status() == 429 && ErrorFormat.problems(answer).isEmpty()
                && ErrorFormat.code(answer).filter("RESOURCE_LIMIT_EXCEEDED"::equals).isPresent()
                && retryAfter != null && retryAfter.matches("\\d+") && Long.parseLong(retryAfter) >= 1
                && Long.parseLong(retryAfter) <= Math.max(1, untilReset + 2);
        if (fair) {
            tally.pass(group, 429);
        } else {
            tally.fail(group, answer.status(), "rate limit probe: refused with " + answer.status() + ", Retry-After "
                    + retryAfter + " (window resets in " + untilReset + " s): " + answer.body());
        }
    }

    /** Called once the probe has stopped: each window let exactly min(asked, limit) through. */
    void verify() {
        int full = 0;
        for (Map.Entry<String, int[]> window : windows.entrySet()) {
            int allowed = window.getValue()[0];
            int asked = allowed + window.getValue()[1];
            if (allowed != Math.min(asked, PER_MINUTE)) {
                tally.failure("rate limit: the window ending " + window.getKey() + " let " + allowed + " of " + asked
                        + " requests through; the limit is " + PER_MINUTE);
            }
            if (asked > PER_MINUTE) {
                full++;
            }
        }
        tally.put("rateLimitWindows", windows.size());
        tally.note("rate limit: " + windows.size() + " one-minute windows, " + full + " of them asked past the limit;"
                + " each let exactly min(asked, " + PER_MINUTE + ") through");
        if (full == 0) {
            tally.failure("rate limit: no window was asked past its limit, so the limit was never tried");
        }
    }
}
