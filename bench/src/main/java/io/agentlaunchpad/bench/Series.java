package io.agentlaunchpad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Latencies of one measured thing, in nanoseconds, and their summary. */
public final class Series {

    public final String name;
    private final List<Long> nanos = new ArrayList<>();

    public Series(String name) {
        this.name = name;
    }

    public void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    public double percentileMillis(double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    /** Operations per second if run back to back (the inverse of the mean). */
    public double throughput() {
        double meanNanos = nanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        return 1e9 / meanNanos;
    }

    public int count() {
        return nanos.size();
    }

    public static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
