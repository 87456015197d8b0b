package io.agentlaunchpad.testing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line the code under test writes while it is open (message, parameters and exception), from the root
 * logger and the platform's own {@code launchpad} logger — what a test reads to prove that no secret is logged.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> LOGGERS = List.of("", "launchpad");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> platformLines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (record.getParameters() != null && record.getParameters().length > 0) {
                message = message + " " + Arrays.toString(record.getParameters());
            }
            String line = message + (record.getThrown() == null ? "" : " " + record.getThrown());
            lines.add(line);
            String logger = String.valueOf(record.getLoggerName());
            if (logger.startsWith("launchpad") || logger.startsWith("io.agentlaunchpad")) {
                platformLines.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        LOGGERS.forEach(name -> Logger.getLogger(name).addHandler(handler));
    }

    /** Starts capturing; close it (try-with-resources) to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All lines captured so far, one per line. */
    public String text() {
        return String.join("\n", lines);
    }

    /**
     * Only the platform's own lines ({@code launchpad.*}, {@code io.agentlaunchpad.*} loggers): not a simulated
     * cluster's dump of the objects it stores, nor a test client's wire debugging of the bodies the test sends.
     */
    public String platformText() {
        return String.join("\n", platformLines);
    }

    @Override
    public void close() {
        LOGGERS.forEach(name -> Logger.getLogger(name).removeHandler(handler));
    }
}
