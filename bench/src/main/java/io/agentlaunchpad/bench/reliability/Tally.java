package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A suite's figures (thread-safe: the load suite's users share one): inputs tried per group, answers per status, skips and failures; printed and written as JSON. */
public final class Tally {

    /** One group's figures (a category of input, or a route). */
    static final class Row {
        int tried;
        int passed;
        int skipped;
        int failed;
        final Map<Integer, Integer> statuses = new TreeMap<>();
    }

    private final String suite;
    private final Instant started = Instant.now();
    private final Map<String, Row> rows = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public Tally(String suite) {
        this.suite = suite;
    }

    private Row row(String group) {
        return rows.computeIfAbsent(group, g -> new Row());
    }

    private void count(String group, int status) {
        Row row = row(group);
        row.tried++;
        row.statuses.merge(status, 1, Integer::sum);
        statuses.merge(status, 1, Integer::sum);
    }

    public synchronized void pass(String group, int status) {
        count(group, status);
        row(group).passed++;
    }

    public synchronized void skip(String group, int status) {
        count(group, status);
        row(group).skipped++;
    }

    public synchronized void fail(String group, int status, String what) {
        count(group, status);
        row(group).failed++;
        failures.add(what);
    }

    /** A failure of the suite itself that is no input's answer (a write, a drift of the schema, a failed control). */
    public synchronized void failure(String what) {
        failures.add(what);
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized void put(String key, Object value) {
        extra.put(key, value);
    }

    public synchronized List<String> failureList() {
        return List.copyOf(failures);
    }

    public synchronized boolean failed() {
        return !failures.isEmpty();
    }

    public synchronized int tried() {
        return rows.values().stream().mapToInt(r -> r.tried).sum();
    }

    public synchronized int skipped() {
        return rows.values().stream().mapToInt(r -> r.skipped).sum();
    }

    public synchronized String table(String groupTitle) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-44s %7s %7s %7s %7s   %s%n", groupTitle, "tried", "passed", "SKIP", "failed",
                "answers by status"));
        Row total = new Row();
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            out.append(String.format("%-44s %7d %7d %7d %7d   %s%n", cut(e.getKey()), r.tried, r.passed, r.skipped,
                    r.failed, r.statuses));
            total.tried += r.tried;
            total.passed += r.passed;
            total.skipped += r.skipped;
            total.failed += r.failed;
        }
        out.append(String.format("%-44s %7d %7d %7d %7d   %s%n", "TOTAL", total.tried, total.passed, total.skipped,
                total.failed, statuses));
        return out.toString();
    }

    private static String cut(String s) {
        return s.length() > 44 ? s.substring(0, 41) + "..." : s;
    }

    public synchronized void print(String groupTitle) {
        System.out.println();
        System.out.println("== reliability: " + suite + " (" + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, "
                + Duration.between(started, Instant.now()).toSeconds() + " s)");
        System.out.print(table(groupTitle));
        for (String note : notes) {
            System.out.println("note: " + note);
        }
        if (failures.isEmpty()) {
            System.out.println("failures: 0");
        } else {
            System.out.println("failures: " + failures.size());
            failures.stream().limit(200).forEach(f -> System.out.println("  FAIL " + f));
            if (failures.size() > 200) {
                System.out.println("  ... and " + (failures.size() - 200) + " more (all in the JSON)");
            }
        }
    }

    public synchronized Path write(Path directory) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("suite", suite);
        doc.put("at", Instant.now().toString());
        doc.put("seconds", Duration.between(started, Instant.now()).toSeconds());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("tried", tried());
        doc.put("skipped", skipped());
        doc.put("failures", failures.size());
        doc.put("statuses", statuses);
        doc.putAll(extra);
        Map<String, Object> groups = new LinkedHashMap<>();
        rows.forEach((name, r) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("tried", r.tried);
            g.put("passed", r.passed);
            g.put("skipped", r.skipped);
            g.put("failed", r.failed);
            g.put("statuses", r.statuses);
            groups.put(name, g);
        });
        doc.put("groups", groups);
        doc.put("notes", notes);
        doc.put("failureList", failures);
        Files.createDirectories(directory);
        Path out = directory.resolve("reliability-" + suite + ".json");
        Files.writeString(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        return out;
    }
}
