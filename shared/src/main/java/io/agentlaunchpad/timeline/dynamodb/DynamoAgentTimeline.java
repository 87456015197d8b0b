package io.agentlaunchpad.timeline.dynamodb;

import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import io.agentlaunchpad.timeline.AgentTimeline;
import io.agentlaunchpad.timeline.TimelineEntry;
import io.agentlaunchpad.timeline.TimelinePage;
import io.agentlaunchpad.timeline.TimelineType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/**
 * Adapter: the timeline in DynamoDB, partition {@code agentId}, sort {@code entryKey} = ISO time + id, so one Query
 * with {@code ScanIndexForward=false} reads it newest first. Beside the entries, one marker item per agent
 * ({@code entryKey} {@value #LAST}, sorted before every time) holds the last entry's fingerprint and a count: the
 * conditional update of the marker refuses a repeat of the last entry, and every {@value #TRIM_EVERY}th entry past
 * {@value #KEEP} trims the oldest. Items expire {@link #RETENTION} after they were written, marker included, so a
 * deleted agent's timeline stays readable for that long and then goes.
 */
@ApplicationScoped
public class DynamoAgentTimeline implements AgentTimeline {

    public static final int KEEP = 100;
    public static final Duration RETENTION = Duration.ofDays(14);
    static final int TRIM_EVERY = 10;
    static final String LAST = "#last";
    /** Above the marker, below every entry (they start with a year). */
    private static final String FIRST_ENTRY = "0";

    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public DynamoAgentTimeline(TableSet tables, Clock clock) {
        Table timeline = tables.table(Tables.AGENT_TIMELINE);
        this.dynamo = timeline.dynamo();
        this.table = timeline.name();
        this.clock = clock;
    }

    @Override
    public boolean append(TimelineEntry entry) {
        long expiresAt = entry.at().plus(RETENTION).getEpochSecond();
        Map<String, AttributeValue> marker = new HashMap<>();
        boolean first = Table.unlessRefused(() -> marker.putAll(dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of("agentId", s(entry.agentId()), "entryKey", s(LAST)))
                .updateExpression("SET #fp = :fp, #exp = :exp ADD #n :one")
                .conditionExpression("attribute_not_exists(#fp) OR #fp <> :fp")
                .expressionAttributeNames(Map.of("#fp", "fingerprint", "#exp", "expiresAt", "#n", "count"))
                .expressionAttributeValues(Map.of(":fp", s(entry.fingerprint()), ":exp", n(expiresAt),
                        ":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW).build()).attributes()));
        if (!first) {
            return false; // a repeat of the last entry
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("agentId", s(entry.agentId()));
        item.put("entryKey", s(key(entry)));
        item.put("id", s(entry.id()));
        item.put("owner", s(entry.owner()));
        item.put("revision", n(entry.revision()));
        item.put("type", s(entry.type().name()));
        item.put("message", s(entry.message()));
        item.put("at", s(entry.at().toString()));
        item.put("expiresAt", n(expiresAt));
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        long count = number(marker, "count", 0);
        if (count > KEEP && count % TRIM_EVERY == 0) {
            trim(entry.agentId());
        }
        return true;
    }

    @Override
    public TimelinePage page(String agentId, int limit, String afterKey) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#a = :a AND #k > :first")
                .expressionAttributeNames(Map.of("#a", "agentId", "#k", "entryKey"))
                .expressionAttributeValues(Map.of(":a", s(agentId), ":first", s(FIRST_ENTRY)))
                .scanIndexForward(false).limit(limit);
        if (afterKey != null) {
            query.exclusiveStartKey(Map.of("agentId", s(agentId), "entryKey", s(afterKey)));
        }
        QueryResponse response = dynamo.query(query.build());
        long now = clock.instant().getEpochSecond();
        // TTL deletes eventually: an expired entry still there is not shown.
        List<TimelineEntry> entries = response.items().stream()
                .filter(item -> number(item, "expiresAt", Long.MAX_VALUE) > now)
                .map(DynamoAgentTimeline::fromItem).toList();
        Map<String, AttributeValue> next = Table.nextStart(response.lastEvaluatedKey());
        String last = next == null ? null : text(next, "entryKey");
        return new TimelinePage(entries, last);
    }

    /** Deletes every entry older than the newest {@value #KEEP}. */
    void trim(String agentId) {
        List<WriteRequest> deletes = new ArrayList<>();
        int seen = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#a = :a AND #k > :first")
                    .expressionAttributeNames(Map.of("#a", "agentId", "#k", "entryKey"))
                    .expressionAttributeValues(Map.of(":a", s(agentId), ":first", s(FIRST_ENTRY)))
                    .projectionExpression("#a, #k").scanIndexForward(false).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> key : response.items()) {
                if (++seen > KEEP) {
                    deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build())
                            .build());
                }
            }
            start = Table.nextStart(response.lastEvaluatedKey());
        } while (start != null);
        for (int i = 0; i < deletes.size(); i += 25) {
            List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
            var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch))).unprocessedItems();
            if (unprocessed != null && !unprocessed.isEmpty()) {
                // the next trim takes them
                break;
            }
        }
    }

    /** Fixed width (Instant.toString drops zero millis), so that lexical order is time order. */
    static String key(TimelineEntry entry) {
        return KEY_TIME.format(entry.at()) + "#" + entry.id();
    }

    private static TimelineEntry fromItem(Map<String, AttributeValue> item) {
        return new TimelineEntry(text(item, "agentId"), text(item, "owner"), number(item, "revision", 0),
                TimelineType.valueOf(text(item, "type")), text(item, "message"), Instant.parse(text(item, "at")),
                text(item, "id"));
    }
}
