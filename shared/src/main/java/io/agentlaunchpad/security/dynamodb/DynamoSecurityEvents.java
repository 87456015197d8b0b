package io.agentlaunchpad.security.dynamodb;

import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventPage;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/**
 * Adapter: security events in DynamoDB. Partition {@code owner}, sort {@code eventKey} = ISO time + id, so one Query
 * with {@code ScanIndexForward=false} lists an owner's events newest first; the {@code byDay} index does the same
 * across owners for admins. Items expire through the TTL attribute after the retention period.
 */
@ApplicationScoped
public class DynamoSecurityEvents implements SecurityEvents {

    private static final JsonLog LOG = JsonLog.of("security");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;
    private final String counters;
    private final Clock clock;
    private final Duration retention;

    @Inject
    public DynamoSecurityEvents(DynamoDbClient dynamo, LaunchpadConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = Tables.SECURITY_EVENTS.tableName(config.tables().prefix());
        this.counters = Tables.COUNTERS.tableName(config.tables().prefix());
        this.clock = clock;
        this.retention = Duration.ofDays(config.securityEvents().retentionDays());
    }

    @Override
    public void record(SecurityEventType type, String severity, String owner, String agentId, String message,
                       Map<String, Object> details) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = "event-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, AttributeValue> item = new HashMap<>(common(type.name(), severity, owner, message, now, id));
        if (agentId != null) {
            item.put("agentId", s(agentId));
        }
        item.put("details", s(Json.write(details == null ? Map.of() : details)));
        item.put("count", n(1));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        } catch (SdkException e) {
            LOG.error("security event not recorded", Map.of("type", type.name()), e);
        }
    }

    @Override
    public void recordOnce(String eventId, SecurityEventType type, String severity, String owner, String agentId,
                           String message, Map<String, Object> details) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = "event-" + UserIds.sha256(eventId).substring(0, 16);
        Map<String, AttributeValue> marker = Map.of("counterKey", s("event#" + id), "at", s(now.toString()),
                "expiresAt", n(now.plus(retention).getEpochSecond()));
        try {
            // The first report fixes the event's time; a retry finds it and rewrites the same item, never a second.
            Map<String, AttributeValue> earlier = dynamo.updateItem(UpdateItemRequest.builder().tableName(counters)
                    .key(Map.of("counterKey", marker.get("counterKey")))
                    .updateExpression("SET #at = if_not_exists(#at, :at), #exp = if_not_exists(#exp, :exp)")
                    .expressionAttributeNames(Map.of("#at", "at", "#exp", "expiresAt"))
                    .expressionAttributeValues(Map.of(":at", marker.get("at"), ":exp", marker.get("expiresAt")))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)
                    .build()).attributes();
            Instant at = Instant.parse(earlier.get("at").s());
            Map<String, AttributeValue> item = new HashMap<>(common(type.name(), severity, owner, message, at, id));
            if (agentId != null) {
                item.put("agentId", s(agentId));
            }
            item.put("details", s(Json.write(details == null ? Map.of() : details)));
            item.put("count", n(1));
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        } catch (SdkException e) {
            LOG.error("security event not recorded", Map.of("type", type.name()), e);
        }
    }

    @Override
    public void recordAggregated(SecurityEventType type, String severity, String owner, String aggregateKey, String message,
                                 Map<String, Object> details) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = "event-" + UserIds.sha256(type + "|" + owner + "|" + aggregateKey + "|" + minute).substring(0, 16);
        Map<String, AttributeValue> fields = common(type.name(), severity, owner, message, minute, id);
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (var e : fields.entrySet()) {
            if (e.getKey().equals("owner") || e.getKey().equals("eventKey")) {
                continue;
            }
            set.append(i == 0 ? "" : ", ").append('#').append(e.getKey()).append(" = :v").append(i);
            values.put(":v" + i, e.getValue());
            i++;
        }
        set.append(", #details = if_not_exists(#details, :details)");
        values.put(":details", s(Json.write(details == null ? Map.of() : details)));
        values.put(":one", n(1));
        Map<String, String> names = new HashMap<>();
        fields.keySet().forEach(k -> names.put("#" + k, k));
        names.put("#details", "details");
        names.put("#count", "count");
        names.remove("#owner");
        names.remove("#eventKey");
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("owner", fields.get("owner"), "eventKey", fields.get("eventKey")))
                    .updateExpression(set + " ADD #count :one")
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (SdkException e) {
            LOG.error("security event not recorded", Map.of("type", type.name()), e);
        }
    }

    @Override
    public List<SecurityEvent> recent(String owner, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s(owner)))
                        .scanIndexForward(false).limit(limit).build())
                .items().stream().map(DynamoSecurityEvents::fromItem).toList();
    }

    /**
     * An owner's events are one Query of its partition; everyone's are Queries of the {@code byDay} index, one UTC
     * day at a time from today back to {@code since} (or the retention period), never a Scan. The severity is a
     * filter, so a Query page may hold fewer matches than asked: it goes on until {@code limit} are found.
     */
    @Override
    public SecurityEventPage page(String owner, String severity, Instant since, int limit, Map<String, String> after) {
        try {
            return pageOf(owner, severity, since, limit, after);
        } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalArgumentException("start key refused: " + e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
        }
    }

    private SecurityEventPage pageOf(String owner, String severity, Instant since, int limit,
                                     Map<String, String> after) {
        List<SecurityEvent> found = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : toKey(after);
        if (start != null && owner != null) {
            start.remove("day"); // the table's own key: owner and eventKey
        }
        for (String day : days(owner, since, after)) {
            Map<String, AttributeValue> exclusive = start;
            start = null;
            do {
                var response = dynamo.query(query(owner, day, severity, since)
                        .limit(limit - found.size()).exclusiveStartKey(exclusive).build());
                for (var item : response.items()) {
                    found.add(fromItem(item));
                }
                exclusive = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
                if (found.size() == limit) {
                    SecurityEvent last = found.get(found.size() - 1);
                    boolean more = exclusive != null || !java.util.Objects.equals(day, lastDay(owner, since));
                    return new SecurityEventPage(found, more ? cursor(last) : null);
                }
            } while (exclusive != null);
        }
        return new SecurityEventPage(found, null);
    }

    @Override
    public long count(String owner, String severity, Instant since) {
        long total = 0;
        for (String day : days(owner, since, null)) {
            Map<String, AttributeValue> exclusive = null;
            do {
                var response = dynamo.query(query(owner, day, severity, since)
                        .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                        .exclusiveStartKey(exclusive).build());
                total += response.count();
                exclusive = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (exclusive != null);
        }
        return total;
    }

    private QueryRequest.Builder query(String owner, String day, String severity, Instant since) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (owner != null) {
            names.put("#p", "owner");
            values.put(":p", s(owner));
        } else {
            names.put("#p", "day");
            values.put(":p", s(day));
        }
        condition = "#p = :p";
        if (since != null) {
            // eventKey starts with the second-precision ISO time: lexical order is time order.
            names.put("#k", "eventKey");
            values.put(":since", s(since.toString()));
            condition += " AND #k >= :since";
        }
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                .scanIndexForward(false);
        if (owner == null) {
            builder.indexName("byDay");
        }
        if (severity != null) {
            names.put("#sev", "severity");
            values.put(":sev", s(severity));
            builder.filterExpression("#sev = :sev");
        }
        return builder.expressionAttributeNames(names).expressionAttributeValues(values);
    }

    /** The partitions to read in order: the owner's one, or the days from the cursor's (or today) back. */
    private List<String> days(String owner, Instant since, Map<String, String> after) {
        if (owner != null) {
            return java.util.Collections.singletonList(null);
        }
        java.time.LocalDate first = after != null && after.get("day") != null
                ? java.time.LocalDate.parse(after.get("day"))
                : java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        java.time.LocalDate last = java.time.LocalDate.parse(lastDay(null, since));
        List<String> days = new java.util.ArrayList<>();
        for (java.time.LocalDate d = first; !d.isBefore(last); d = d.minusDays(1)) {
            days.add(d.toString());
        }
        return days;
    }

    private String lastDay(String owner, Instant since) {
        if (owner != null) {
            return null;
        }
        Instant oldest = clock.instant().minus(retention);
        Instant from = since == null || since.isBefore(oldest) ? oldest : since;
        return from.toString().substring(0, 10);
    }

    private static Map<String, String> cursor(SecurityEvent last) {
        return Map.of("owner", last.owner(), "eventKey", last.timestamp() + "#" + last.id(),
                "day", last.timestamp().toString().substring(0, 10));
    }

    private static Map<String, AttributeValue> toKey(Map<String, String> cursor) {
        Map<String, AttributeValue> key = new HashMap<>();
        cursor.forEach((k, v) -> key.put(k, s(v)));
        return key;
    }

    private Map<String, AttributeValue> common(String type, String severity, String owner, String message,
                                               Instant at, String id) {
        Map<String, AttributeValue> item = new HashMap<>();
        String o = owner == null ? SecurityEvent.SYSTEM : owner;
        item.put("owner", s(o));
        item.put("eventKey", s(at + "#" + id));
        item.put("id", s(id));
        item.put("type", s(type));
        item.put("severity", s(severity));
        item.put("message", s(message));
        item.put("timestamp", s(at.toString()));
        item.put("day", s(at.toString().substring(0, 10)));
        item.put("expiresAt", n(at.plus(retention).getEpochSecond()));
        return item;
    }

    static SecurityEvent fromItem(Map<String, AttributeValue> item) {
        String details = text(item, "details");
        return new SecurityEvent(text(item, "id"), text(item, "type"), text(item, "severity"), text(item, "owner"),
                text(item, "agentId"), text(item, "message"), Instant.parse(text(item, "timestamp")),
                details == null ? Map.of() : Json.MAPPER.convertValue(readTree(details), MAP),
                number(item, "count", 1));
    }

    private static Object readTree(String json) {
        try {
            return Json.tree(json);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
