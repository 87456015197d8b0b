package io.agentlaunchpad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds spent in a window, by who spent them: this JVM's threads grouped by role (the queue trigger, the
 * reconciler, the gateway, the simulated cluster's kubelet loop, Vert.x event loops that serve the mock API server
 * and the fabric8 clients, ElasticMQ), the rest of the JVM (GC, JIT: the process total less its threads), and the
 * child processes (dynalite's Node process), read from {@code /proc}. On a machine of 2 shared cores this says
 * which part of the simulation competes with the deployer.
 */
final class CpuAccount {

    private static final long TICKS_PER_SECOND = 100;
    static final String DEPLOYER = "queue trigger (deployer)";
    static final String KUBELET = "simulated cluster: kubelet loop";
    static final String API_SERVER = "simulated cluster: API server answering (timed in its dispatcher)";
    private static final String VERTX = "Vert.x: fabric8 clients, HTTP I/O of the mock API server";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> threadStart = new HashMap<>();
    private final Map<Long, Long> childStart = new HashMap<>();
    private final long processStart;
    private final long gcMillisStart;

    private CpuAccount() {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                threadStart.put(id, cpu);
            }
        }
        ProcessHandle.current().descendants().forEach(p -> childStart.put(p.pid(), childTicks(p.pid())));
        processStart = processCpu();
        gcMillisStart = gcMillis();
    }

    /** Milliseconds the JVM's collectors reported since {@link #start()} (wall time, part of it concurrent). */
    long gcMillisSince() {
        return gcMillis() - gcMillisStart;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    /** The machine's 1-minute load average, from /proc/loadavg ({@code NaN} off Linux): who else wants the cores. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static CpuAccount start() {
        return new CpuAccount();
    }

    /**
     * CPU seconds since {@link #start()}, largest first; {@code apiServer}: the simulated API server's own time
     * answering (it runs on a Vert.x event loop), moved out of the Vert.x group into a group of its own.
     */
    Map<String, Double> seconds(double apiServer) {
        Map<String, Double> groups = new TreeMap<>();
        double threadTotal = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            var info = threads.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            double spent = (cpu - threadStart.getOrDefault(id, 0L)) / 1e9;
            threadTotal += spent;
            groups.merge(group(info.getThreadName()), spent, Double::sum);
        }
        double process = (processCpu() - processStart) / 1e9;
        if (process > threadTotal) {
            groups.merge("JVM: GC, JIT, threads that ended", process - threadTotal, Double::sum);
        }
        ProcessHandle.current().descendants().forEach(p -> {
            long ticks = childTicks(p.pid()) - childStart.getOrDefault(p.pid(), 0L);
            String name = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process");
            groups.merge("child process: " + (name.equals("node") ? "dynalite (node)" : name),
                    (double) ticks / TICKS_PER_SECOND, Double::sum);
        });
        if (apiServer > 0) {
            groups.merge(VERTX, -apiServer, Double::sum);
            groups.put(API_SERVER, apiServer);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static String group(String thread) {
        if (thread.startsWith("sqs-trigger")) {
            return DEPLOYER;
        }
        if (thread.startsWith("schedule-reconcile")) {
            return "reconciler";
        }
        if (thread.startsWith("simulated-kubelet")) {
            return KUBELET;
        }
        if (thread.startsWith("gateway") || thread.startsWith("integration")) {
            return "gateway + route functions";
        }
        if (thread.startsWith("bench") || thread.equals("main")) {
            return "bench (clients, poll, sampler)";
        }
        if (thread.startsWith("vert.x") || thread.contains("MockWebServer")) {
            return VERTX;
        }
        if (thread.contains("elasticmq") || thread.contains("pekko") || thread.contains("akka")) {
            return "ElasticMQ";
        }
        return "other: " + thread.replaceAll("\\d+", "N");
    }

    private long processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/pid/stat); 0 off Linux. */
    private static long childTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
