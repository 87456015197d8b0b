package io.agentlaunchpad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the deployer's thread spends its time: samples the stack of the queue trigger's thread (the one thread that
 * runs every DEPLOY and CHECK locally) every few milliseconds and files each sample under what it was doing — a
 * DynamoDB, SQS or Kubernetes call and the platform method that made it, the scan gate, or the deployer's own
 * work. A wall-clock profile: waiting on an emulator counts as that call's time, which is what throughput pays.
 */
final class TriggerSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 5;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long threadId;
    private final Map<String, Integer> buckets = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    private TriggerSampler(long threadId) {
        this.threadId = threadId;
        this.sampler = new Thread(this::sample, "bench-sampler");
        this.sampler.setDaemon(true);
    }

    /** Starts sampling the thread named {@code name}; {@code null} if there is none. */
    static TriggerSampler start(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name) && t.isAlive()) {
                TriggerSampler s = new TriggerSampler(t.getId());
                s.sampler.start();
                return s;
            }
        }
        return null;
    }

    private void sample() {
        while (running) {
            ThreadInfo info = threads.getThreadInfo(threadId, 128);
            if (info != null) {
                String bucket = classify(info.getStackTrace());
                synchronized (this) {
                    buckets.merge(bucket, 1, Integer::sum);
                    samples++;
                }
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Share of samples by activity, largest first. */
    synchronized Map<String, Double> shares() {
        return buckets.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (double) e.getValue() / samples,
                        (a, b) -> a, LinkedHashMap::new));
    }

    synchronized int samples() {
        return samples;
    }

    static String classify(StackTraceElement[] stack) {
        if (has(stack, "receiveMessage")) {
            return "SQS ReceiveMessage (incl. waiting for messages)";
        }
        if (has(stack, "deleteMessageBatch")) {
            return "SQS DeleteMessageBatch";
        }
        if (hasClass(stack, "io.agentlaunchpad.deployer.FollowUps")) {
            return "SQS SendMessage (CHECK follow-up)";
        }
        if (hasClassPrefix(stack, "io.fabric8.kubernetes.client.")) {
            return "Kubernetes API: " + caller(stack);
        }
        if (hasClassContaining(stack, "DynamoDbClient")) {
            return "DynamoDB: " + caller(stack);
        }
        if (hasClassContaining(stack, "SimulatedRegistry") || hasClassContaining(stack, "ImageScans")) {
            return "scan gate (simulated registry file)";
        }
        if (hasClassPrefix(stack, "org.jboss.logmanager") || hasClassContaining(stack, "JsonLog")) {
            return "logging";
        }
        if (hasClassPrefix(stack, "io.agentlaunchpad.")) {
            return "deployer code (building objects, JSON): " + caller(stack);
        }
        return "other (trigger loop, JVM)";
    }

    /** The two innermost platform frames, e.g. "KubernetesCluster.apply < KubernetesCluster.applyOwner". */
    private static String caller(StackTraceElement[] stack) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        int found = 0;
        for (StackTraceElement frame : stack) {
            if (!frame.getClassName().startsWith("io.agentlaunchpad.") || frame.getMethodName().startsWith("lambda$")) {
                continue;
            }
            String name = simple(frame.getClassName()) + "." + frame.getMethodName();
            if (name.equals(previous)) {
                continue;
            }
            out.append(found == 0 ? "" : " < ").append(name);
            previous = name;
            if (++found == 2) {
                break;
            }
        }
        return found == 0 ? "?" : out.toString();
    }

    private static String simple(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int inner = s.indexOf('$');
        return inner > 0 ? s.substring(0, inner) : s;
    }

    private static boolean has(StackTraceElement[] stack, String method) {
        for (StackTraceElement f : stack) {
            if (f.getMethodName().equals(method) && f.getClassName().contains("Sqs")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClass(StackTraceElement[] stack, String className) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClassPrefix(StackTraceElement[] stack, String prefix) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClassContaining(StackTraceElement[] stack, String part) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().contains(part)) {
                return true;
            }
        }
        return false;
    }

    static List<String> describe(Map<String, Double> shares, int top) {
        return shares.entrySet().stream().limit(top)
                .map(e -> String.format(java.util.Locale.ROOT, "%5.1f%%  %s", 100 * e.getValue(), e.getKey()))
                .toList();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
