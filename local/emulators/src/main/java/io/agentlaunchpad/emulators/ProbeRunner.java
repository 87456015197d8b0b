package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.Probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of a container's probes as the kubelet runs it: an HTTP GET of its path on the process's port (the port
 * named by the probe mapped to the one the process listens on), every {@code periodSeconds} after
 * {@code initialDelaySeconds}, each with {@code timeoutSeconds}; a 2xx or 3xx succeeds. The result changes after
 * {@code successThreshold} successes or {@code failureThreshold} failures in a row. Periods and delays are scaled
 * by the runtime's time scale (the local platform runs them faster), the timeout is not.
 * A probe with no {@code httpGet} (exec, TCP, gRPC) counts as succeeding: the local runtime does not run those.
 */
final class ProbeRunner {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** The shortest period the local runtime probes at, whatever the scale. */
    static final Duration MIN_PERIOD = Duration.ofMillis(100);

    private final URI uri;
    private final long periodNanos;
    private final long firstAtNanos;
    private final Duration timeout;
    private final int failureThreshold;
    private final int successThreshold;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private long nextAtNanos;
    private int successes;
    private int failures;
    private Boolean result;

    private ProbeRunner(URI uri, Probe probe, double scale, boolean keepFailureBudget, long startNanos) {
        this.uri = uri;
        this.periodNanos = Math.max(MIN_PERIOD.toNanos(),
                (long) (seconds(probe.getPeriodSeconds(), 10) * scale * 1e9));
        this.firstAtNanos = startNanos + (long) (seconds(probe.getInitialDelaySeconds(), 0) * scale * 1e9);
        this.nextAtNanos = firstAtNanos;
        this.timeout = Duration.ofSeconds(Math.max(1, seconds(probe.getTimeoutSeconds(), 1)));
        int threshold = Math.max(1, seconds(probe.getFailureThreshold(), 3));
        this.failureThreshold = keepFailureBudget ? (int) Math.ceil(threshold / scale) : threshold;
        this.successThreshold = Math.max(1, seconds(probe.getSuccessThreshold(), 1));
    }

    /**
     * The probe of a container run now on {@code port}, or null when it has none.
     *
     * @param keepFailureBudget the probe kills on failure: keep its time to failure unscaled
     */
    static ProbeRunner of(Probe probe, int port, double scale, boolean keepFailureBudget) {
        if (probe == null) {
            return null;
        }
        if (probe.getHttpGet() == null) {
            return new ProbeRunner(null, probe, scale, keepFailureBudget, System.nanoTime());
        }
        String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String scheme = "HTTPS".equalsIgnoreCase(probe.getHttpGet().getScheme()) ? "https" : "http";
        return new ProbeRunner(URI.create(scheme + "://127.0.0.1:" + port + path), probe, scale, keepFailureBudget,
                System.nanoTime());
    }

    /** Starts the probe if it is due and not already running; its result comes in later. */
    void runIfDue(long nowNanos) {
        if (nowNanos < nextAtNanos || !inFlight.compareAndSet(false, true)) {
            return;
        }
        nextAtNanos = nowNanos + periodNanos;
        if (uri == null) {
            record(true);
            return;
        }
        HTTP.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "kube-probe/1.33")
                        .GET().build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> record(error == null && response.statusCode() >= 200
                        && response.statusCode() < 400));
    }

    private synchronized void record(boolean success) {
        inFlight.set(false);
        if (success) {
            successes++;
            failures = 0;
            if (successes >= successThreshold) {
                result = true;
            }
        } else {
            failures++;
            successes = 0;
            if (failures >= failureThreshold) {
                result = false;
            }
        }
    }

    /** True after enough successes, false after enough failures, null before either. */
    synchronized Boolean result() {
        return result;
    }

    private static int seconds(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
