package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the platform keeps, to tell whether a run of bad input wrote anything: every item of every table of
 * {@link Tables#ALL} (read with consistent scans) and the deploy queue's message counts. What the platform writes on
 * any request by design is left out, and only that:
 * <ul>
 *   <li>{@code counters} items {@code rate#...}: the per-key rate-limit windows, counted on every request that has a
 *   caller (HttpPipeline.count; docs/identity.md "Rate limits");</li>
 *   <li>{@code securityEvents} items of type AUTHENTICATION_FAILED, PERMISSION_DENIED and RATE_LIMITED: the
 *   authorizer records every refused credential and HttpPipeline every 403 and 429, aggregated per minute
 *   (docs/identity.md "Security events"). Any other new or changed event is a write;</li>
 *   <li>{@code apiKeys.lastUsedAt} and {@code users.lastLogin}: the authorizer stamps a key's use at most once a
 *   minute ({@code launchpad.keys.last-used-interval-seconds}), whatever the request turns out to be;</li>
 *   <li>an agent whose {@code version} alone changed: the deployer recording what it observed (the API's writes
 *   always change the generation and {@code updatedAt} too);</li>
 *   <li>the queue's counts while the deployer has follow-ups scheduled ({@link #queueComparable}).</li>
 * </ul>
 */
public final class Snapshot {

    static final Set<String> REFUSAL_EVENTS = Set.of("AUTHENTICATION_FAILED", "PERMISSION_DENIED", "RATE_LIMITED");

    /** Table (without prefix) → item key → item without the ignored attributes, in a canonical text form. */
    private final Map<String, Map<String, String>> tables;
    private final Map<String, Integer> itemCounts;
    private final Map<String, Integer> queue;

    private Snapshot(Map<String, Map<String, String>> tables, Map<String, Integer> itemCounts, Map<String, Integer> queue) {
        this.tables = tables;
        this.itemCounts = itemCounts;
        this.queue = queue;
    }

    public static Snapshot take(DynamoDbClient dynamo, String prefix, SqsClient sqs, String queueUrl) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TableDefinition table : Tables.ALL) {
            Map<String, String> items = new TreeMap<>();
            int count = 0;
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder scan = ScanRequest.builder().tableName(table.tableName(prefix)).consistentRead(true);
                if (start != null) {
                    scan.exclusiveStartKey(start);
                }
                ScanResponse page = dynamo.scan(scan.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    count++;
                    items.put(key(table, item), canonical(table, item));
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            tables.put(table.baseName(), items);
            counts.put(table.baseName(), count);
        }
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();
        Map<String, Integer> queue = new LinkedHashMap<>();
        attributes.forEach((k, v) -> queue.put(k, Integer.parseInt(v)));
        return new Snapshot(tables, counts, queue);
    }

    /**
     * Waits until the platform is at rest: the deploy queue's counts unchanged and nothing in flight, and nothing
     * written, between two snapshots a second apart, for when a deployer behind the queue is still moving agents the
     * suite created (deploying them, following them up). Gives up after {@code maxSeconds} with the last snapshot.
     */
    public static Snapshot settled(DynamoDbClient dynamo, String prefix, SqsClient sqs, String queueUrl, int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        Snapshot previous = take(dynamo, prefix, sqs, queueUrl);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return previous;
            }
            Snapshot now = take(dynamo, prefix, sqs, queueUrl);
            if (now.queue.equals(previous.queue) && now.queueIdle() && now.writesSince(previous).isEmpty()) {
                now.waitedSeconds = maxSeconds - (int) ((deadline - System.nanoTime()) / 1_000_000_000L);
                now.settled = true;
                return now;
            }
            previous = now;
        }
        previous.waitedSeconds = maxSeconds;
        return previous;
    }

    private int waitedSeconds;
    private boolean settled;

    public boolean isSettled() {
        return settled;
    }

    public int waitedSeconds() {
        return waitedSeconds;
    }

    /** Nothing in flight: no consumer holds a message (waiting ones stay put on a platform without a deployer). */
    private boolean queueIdle() {
        return queue.getOrDefault("ApproximateNumberOfMessagesNotVisible", 0) == 0;
    }

    /**
     * The queue's counts tell a write only when no deployer is at work on it: nothing delayed in either snapshot. With
     * the deployer's follow-ups scheduled, the counts move on their own; the agents table still tells, since every
     * command the API sends follows a new desired state written to it (AgentService.create, change).
     */
    public boolean queueComparable(Snapshot before) {
        return before.queue.getOrDefault("ApproximateNumberOfMessagesDelayed", 0) == 0
                && queue.getOrDefault("ApproximateNumberOfMessagesDelayed", 0) == 0;
    }

    public Map<String, Integer> itemCounts() {
        return itemCounts;
    }

    public Map<String, Integer> queue() {
        return queue;
    }

    /** Every item, as "table: key", whose text (its ignored attributes aside) contains {@code needle}. */
    public List<String> itemsContaining(String needle) {
        List<String> found = new ArrayList<>();
        tables.forEach((table, items) -> items.forEach((key, item) -> {
            if (item.contains(needle)) {
                found.add(table + ": " + key);
            }
        }));
        return found;
    }

    /** Whether some item of {@code table} contains every one of {@code needles}. */
    public boolean hasItem(String table, String... needles) {
        return tables.getOrDefault(table, Map.of()).values().stream()
                .anyMatch(item -> java.util.Arrays.stream(needles).allMatch(item::contains));
    }

    /** Every difference from {@code before} that is not one of the writes the platform makes by design. */
    public List<String> writesSince(Snapshot before) {
        List<String> writes = new ArrayList<>();
        for (String table : tables.keySet()) {
            Map<String, String> was = before.tables.get(table);
            Map<String, String> now = tables.get(table);
            for (Map.Entry<String, String> item : now.entrySet()) {
                String earlier = was.get(item.getKey());
                if (earlier == null) {
                    if (!excused(table, item.getValue())) {
                        writes.add(table + ": new item " + item.getKey());
                    }
                } else if (!earlier.equals(item.getValue()) && !excused(table, item.getValue())) {
                    String changes = changes(earlier, item.getValue());
                    if (table.equals(Tables.AGENTS.baseName()) && changes.matches("^\\{version: [^,]*}$")) {
                        // the deployer's observation write: every write of the API's routes is a new desired state
                        // (AgentService: generation and updatedAt change with it), never the version alone
                        continue;
                    }
                    writes.add(table + ": changed item " + item.getKey() + " " + changes);
                }
            }
            for (String key : was.keySet()) {
                if (!now.containsKey(key) && !excused(table, was.get(key))) {
                    writes.add(table + ": deleted item " + key);
                }
            }
        }
        if (queueComparable(before) && !queue.equals(before.queue)) {
            writes.add("deploy queue: " + before.queue + " -> " + queue);
        }
        return writes;
    }

    /** The attributes that differ, old -> new (values cut), for the failure message. */
    private static String changes(String before, String after) {
        Map<String, String> was = attributes(before);
        Map<String, String> now = attributes(after);
        Set<String> names = new java.util.TreeSet<>(was.keySet());
        names.addAll(now.keySet());
        StringBuilder out = new StringBuilder("{");
        for (String name : names) {
            if (!java.util.Objects.equals(was.get(name), now.get(name))) {
                out.append(out.length() > 1 ? ", " : "").append(name).append(": ").append(cut(was.get(name)))
                        .append(" -> ").append(cut(now.get(name)));
            }
        }
        return out.append('}').toString();
    }

    private static Map<String, String> attributes(String canonical) {
        Map<String, String> out = new TreeMap<>();
        for (String part : canonical.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    private static String cut(String value) {
        return value == null ? "-" : value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }

    private static boolean excused(String table, String canonicalItem) {
        if (table.equals(Tables.COUNTERS.baseName())) {
            return canonicalItem.startsWith("counterKey=S:rate#");
        }
        if (table.equals(Tables.SECURITY_EVENTS.baseName())) {
            return REFUSAL_EVENTS.stream().anyMatch(type -> canonicalItem.contains("type=S:" + type + ";"));
        }
        return false;
    }

    private static String key(TableDefinition table, Map<String, AttributeValue> item) {
        String key = text(item.get(table.partitionKey().name()));
        return table.sortKey() == null ? key : key + " / " + text(item.get(table.sortKey().name()));
    }

    private static String canonical(TableDefinition table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> sorted = new TreeMap<>(item);
        if (table.baseName().equals(Tables.API_KEYS.baseName())) {
            sorted.remove("lastUsedAt");
        }
        if (table.baseName().equals(Tables.USERS.baseName())) {
            sorted.remove("lastLogin");
        }
        StringBuilder out = new StringBuilder();
        String partition = table.partitionKey().name();
        // the partition key first, so excused() can read it at the start
        out.append(partition).append('=').append(typed(sorted.remove(partition))).append(';');
        sorted.forEach((k, v) -> out.append(k).append('=').append(typed(v)).append(';'));
        return out.toString();
    }

    private static String typed(AttributeValue v) {
        if (v == null) {
            return "null";
        }
        if (v.s() != null) {
            return "S:" + v.s();
        }
        if (v.n() != null) {
            return "N:" + v.n();
        }
        return v.toString();
    }

    private static String text(AttributeValue v) {
        return v == null ? "?" : v.s() != null ? v.s() : v.n() != null ? v.n() : v.toString();
    }
}
