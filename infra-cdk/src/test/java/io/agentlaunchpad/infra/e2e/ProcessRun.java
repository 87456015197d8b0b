package io.agentlaunchpad.infra.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process (npm, the cdk CLI) whose output is shown as it comes, line by line, and whose first and last
 * lines are kept.
 */
record ProcessRun(int exitCode, boolean timedOut, List<String> head, List<String> tail) {

    static final int HEAD_LINES = 5;
    static final int TAIL_LINES = 40;

    ProcessRun(int exitCode, boolean timedOut, List<String> tail) {
        this(exitCode, timedOut, tail.stream().limit(HEAD_LINES).toList(), tail);
    }

    boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** How it ended, in one line, with its last lines of output after it. */
    String summary(List<String> command) {
        return String.join(" ", command) + (timedOut ? " timed out" : " exited " + exitCode)
                + (tail.isEmpty() ? "" : "; its last lines:\n  " + String.join("\n  ", tail));
    }

    /**
     * Runs {@code command} in {@code directory}, stdout and stderr together, each line given to {@code echo}
     * prefixed with {@code [label]}.
     */
    static ProcessRun run(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
                          String label, java.util.function.Consumer<String> echo) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ProcessRun(-1, false, List.of("could not start " + command.get(0) + ": " + e.getMessage()));
        }
        Deque<String> tail = new ArrayDeque<>();
        List<String> head = new java.util.ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    echo.accept("[" + label + "] " + line);
                    synchronized (tail) {
                        if (head.size() < HEAD_LINES && !line.isBlank()) {
                            head.add(line);
                        }
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, label + "-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            Thread.currentThread().interrupt();
            return new ProcessRun(-1, false, List.of("interrupted"));
        }
        synchronized (tail) {
            return new ProcessRun(finished ? process.exitValue() : -1, !finished, List.copyOf(head), List.copyOf(tail));
        }
    }
}
