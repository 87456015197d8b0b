package io.agentlaunchpad.bench.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Reads every log line the platform writes in this JVM (its functions log through JBoss Logging into the JDK's
 * root logger) for a secret: a platform token the users sent (they all carry {@link Traffic#SECRET_MARK}) or an API
 * key. Counts the lines too, so a watch that saw nothing is known to be broken rather than clean.
 */
final class LogWatch extends Handler implements AutoCloseable {

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong leaks = new AtomicLong();
    private volatile String firstLeak;

    static LogWatch install() {
        LogWatch watch = new LogWatch();
        Logger.getLogger("").addHandler(watch);
        return watch;
    }

    void watchFor(String apiKey) {
        keys.add(apiKey);
    }

    @Override
    public void publish(LogRecord record) {
        lines.incrementAndGet();
        String text = formatter.format(record);
        boolean leak = text.contains(Traffic.SECRET_MARK) || keys.stream().anyMatch(text::contains);
        if (leak && leaks.getAndIncrement() == 0) {
            firstLeak = record.getLoggerName() + " " + record.getLevel() + " (secret cut out)";
        }
    }

    long lines() {
        return lines.get();
    }

    long leaks() {
        return leaks.get();
    }

    /** Its figures into the suite's tally: a line with a secret, or no line read at all, is a failure. */
    void report(Tally tally) {
        tally.put("logLinesRead", lines());
        tally.note(lines() + " log lines read for secrets, " + leaks() + " with one");
        if (lines() == 0) {
            tally.failure("no log line reached the watch: it cannot tell whether secrets were logged");
        }
        if (leaks() > 0) {
            tally.failure(leaks() + " log line(s) carried a platform token or an API key; the first from " + firstLeak);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
