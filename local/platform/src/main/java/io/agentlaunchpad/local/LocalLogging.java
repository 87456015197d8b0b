package io.agentlaunchpad.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Logging for the local platform, on the JDK's own logging (started with {@code -Dorg.jboss.logging.provider=jdk}):
 * our JSON lines (category {@code launchpad}) on standard output as they are, as CloudWatch would get them; the
 * libraries' warnings on standard error in a short format. Quarkus configures this in a Lambda; here nothing would.
 */
final class LocalLogging {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LocalLogging() {
    }

    static void configure(PrintStream out) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler libraries = new ConsoleHandler();
        libraries.setLevel(Level.WARNING);
        libraries.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String name = r.getLoggerName() == null ? "" : r.getLoggerName();
                return LocalTime.now().format(TIME) + " " + r.getLevel() + " [" + name.substring(name.lastIndexOf('.') + 1)
                        + "] " + formatMessage(r) + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")") + "\n";
            }
        });
        // The JBoss LogManager's System.Logger finder (on the path for Quarkus) complains that it is not the JDK's
        // log manager the first time the JDK asks it for a logger; here that is intended, so the complaint is noise.
        libraries.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("The LogManager accessed before"));
        root.addHandler(libraries);
        root.setLevel(Level.WARNING);

        Logger launchpad = Logger.getLogger("launchpad");
        launchpad.setUseParentHandlers(false);
        launchpad.setLevel(Level.INFO);
        StreamHandler lines = new StreamHandler(out, new Formatter() {
            @Override
            public String format(LogRecord r) {
                return r.getMessage() + "\n";
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        lines.setLevel(Level.INFO);
        launchpad.addHandler(lines);
    }
}
