package io.agentlaunchpad.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What metrics-server reads from a container's cgroup, read from {@code /proc} for a process and its descendants:
 * resident memory ({@code VmRSS}) and CPU time ({@code utime + stime}), the CPU rate over the time between two
 * samples. Linux only; elsewhere every reading is zero.
 */
final class ProcessMetrics {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on every Linux we run on). */
    private static final long TICKS_PER_SECOND = 100;

    /** One reading: resident bytes and CPU time so far, at a time (nanoTime). */
    record Sample(long residentBytes, long cpuNanos, long atNanos) {
    }

    private Sample previous;
    private volatile long nanocores;
    private volatile long residentBytes;

    /** Reads the process tree now and keeps the CPU rate since the previous reading. */
    Sample sample(ProcessHandle process) {
        long rss = 0;
        long cpu = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) Stream.concat(Stream.of(process), process.descendants())::iterator) {
            rss += residentBytes(p.pid());
            cpu += cpuNanos(p.pid());
        }
        Sample now = new Sample(rss, cpu, System.nanoTime());
        synchronized (this) {
            if (previous != null && now.atNanos() > previous.atNanos()) {
                long used = Math.max(0, now.cpuNanos() - previous.cpuNanos());
                nanocores = used * 1_000_000_000L / (now.atNanos() - previous.atNanos());
            }
            previous = now;
        }
        residentBytes = rss;
        return now;
    }

    /** The CPU rate between the last two readings, in nanocores. */
    long nanocores() {
        return nanocores;
    }

    /** The resident memory at the last reading. */
    long residentBytes() {
        return residentBytes;
    }

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return 0;
    }

    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
