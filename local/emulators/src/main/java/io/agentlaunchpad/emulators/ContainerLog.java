package io.agentlaunchpad.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one run of a container, as the kubelet keeps it: each line of the process's output (stdout and stderr
 * together) written to a file with the time it was read ({@code <RFC 3339 nanoseconds> <line>}), and served back
 * with the {@code pods/log} options ({@code timestamps}, {@code sinceTime}/{@code sinceSeconds}, {@code tailLines},
 * {@code limitBytes}).
 */
record ContainerLog(Path file) {

    private static final DateTimeFormatter RFC3339_NANO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);
    /** Past this a log keeps its newer half (the kubelet rotates at 10 MiB). */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    /**
     * Copies the process's output into the log, line by line, until it ends (on the calling thread). ANSI colour
     * codes stay as the process wrote them, as in a container's log.
     */
    void capture(InputStream output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            long written = Files.size(file);
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = RFC3339_NANO.format(Instant.now()) + " " + line + "\n";
                writer.write(entry);
                writer.flush();
                written += entry.length();
                if (written > MAX_BYTES) {
                    written = rotate();
                }
            }
        } catch (IOException e) {
            // the process is gone or its directory was removed: nothing more to keep
        }
    }

    private long rotate() throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = lines.subList(lines.size() / 2, lines.size());
        Files.write(file, kept, StandardCharsets.UTF_8);
        return Files.size(file);
    }

    /** The lines from {@code since}, the last {@code tail} of them, with or without their times, cut at limitBytes. */
    String read(boolean timestamps, Instant since, Integer tail, Long limitBytes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            if (since != null) {
                try {
                    if (Instant.parse(line.substring(0, space)).isBefore(since)) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    continue;
                }
            }
            kept.add(timestamps ? line : line.substring(space + 1));
        }
        if (tail != null && tail < kept.size()) {
            kept = kept.subList(kept.size() - Math.max(0, tail), kept.size());
        }
        StringBuilder out = new StringBuilder();
        kept.forEach(l -> out.append(l).append('\n'));
        String text = out.toString();
        if (limitBytes != null && limitBytes >= 0) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > limitBytes) {
                text = new String(bytes, 0, (int) Math.min(Integer.MAX_VALUE, limitBytes), StandardCharsets.UTF_8);
            }
        }
        return text;
    }

    /**
     * What a kubelet writes as the termination message of a failed container under
     * {@code terminationMessagePolicy: FallbackToLogsOnError}: the last 80 lines of its log, at most 2048 bytes.
     */
    String terminationMessage() {
        String tail = read(false, null, 80, null).strip();
        byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 2048) {
            tail = new String(bytes, bytes.length - 2048, 2048, StandardCharsets.UTF_8);
        }
        return tail.isEmpty() ? null : tail;
    }

    /** A line of the kubelet's own (why the process did not start), best effort. */
    void appendQuietly(String line) {
        try {
            Files.writeString(file, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is best effort
        }
    }
}
