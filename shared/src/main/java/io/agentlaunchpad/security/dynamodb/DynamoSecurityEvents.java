package io.agentlaunchpad.security.dynamodb;

import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventPage;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvents;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: security events in DynamoDB. Partition {@code owner}, sort {@code eventKey} = ISO time + id, so one Query
 * with {@code ScanIndexForward=false} lists an owner's events newest first; the {@code byDay} index does the same
 * across owners for admins ({@link SecurityEventReads}). Items expire through the TTL attribute after the retention
 * period.
 */
@ApplicationScoped
public class DynamoSecurityEvents implements SecurityEvents {

    private static final JsonLog LOG = JsonLog.of("security");

    private final Table table;
    private final Table counters;
    private final Clock clock;
    private final Duration retention;
    private final SecurityEventReads reads;

    @Inject
    public DynamoSecurityEvents(DynamoDbClient dynamo, LaunchpadConfig config, Clock clock) {
        TableSet tables = TableSet.of(dynamo, config);
        this.table = tables.table(Tables.SECURITY_EVENTS);
        this.counters = tables.table(Tables.COUNTERS);
        this.clock = clock;
        this.retention = Duration.ofDays(config.securityEvents().retentionDays());
        this.reads = new SecurityEventReads(table, clock, retention);
    }

    @Override
    public void record(SecurityEventType type, String severity, String owner, String agentId, String message,
                       Map<String, Object> details) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = "event-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, AttributeValue> item = SecurityEventItem.single(common(type, severity, owner, message, now, id),
                agentId, details);
        quietly(type, () -> put(item));
    }

    @Override
    public void recordOnce(String eventId, SecurityEventType type, String severity, String owner, String agentId,
                           String message, Map<String, Object> details) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = "event-" + UserIds.sha256(eventId).substring(0, 16);
        Map<String, AttributeValue> marker = Map.of("counterKey", s("event#" + id), "at", s(now.toString()),
                "expiresAt", n(now.plus(retention).getEpochSecond()));
        quietly(type, () -> {
            // The first report fixes the event's time; a retry finds it and rewrites the same item, never a second.
            Map<String, AttributeValue> earlier = counters.dynamo().updateItem(UpdateItemRequest.builder()
                    .tableName(counters.name())
                    .key(Map.of("counterKey", marker.get("counterKey")))
                    .updateExpression("SET #at = if_not_exists(#at, :at), #exp = if_not_exists(#exp, :exp)")
                    .expressionAttributeNames(Map.of("#at", "at", "#exp", "expiresAt"))
                    .expressionAttributeValues(Map.of(":at", marker.get("at"), ":exp", marker.get("expiresAt")))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build()).attributes();
            Instant at = Instant.parse(earlier.get("at").s());
            put(SecurityEventItem.single(common(type, severity, owner, message, at, id), agentId, details));
        });
    }

    @Override
    public void recordAggregated(SecurityEventType type, String severity, String owner, String aggregateKey, String message,
                                 Map<String, Object> details) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String id = "event-" + UserIds.sha256(type + "|" + owner + "|" + aggregateKey + "|" + minute).substring(0, 16);
        Map<String, AttributeValue> fields = common(type, severity, owner, message, minute, id);
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
        values.put(":details", SecurityEventItem.details(details));
        values.put(":one", n(1));
        Map<String, String> names = new HashMap<>();
        fields.keySet().forEach(k -> names.put("#" + k, k));
        names.put("#details", "details");
        names.put("#count", "count");
        names.remove("#owner");
        names.remove("#eventKey");
        quietly(type, () -> table.dynamo().updateItem(UpdateItemRequest.builder().tableName(table.name())
                .key(Map.of("owner", fields.get("owner"), "eventKey", fields.get("eventKey")))
                .updateExpression(set + " ADD #count :one")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()));
    }

    @Override
    public List<SecurityEvent> recent(String owner, int limit) {
        return reads.recent(owner, limit);
    }

    @Override
    public SecurityEventPage page(String owner, String severity, Instant since, int limit, Map<String, String> after) {
        return reads.page(owner, severity, since, limit, after);
    }

    @Override
    public long count(String owner, String severity, Instant since) {
        return reads.count(owner, severity, since);
    }

    private Map<String, AttributeValue> common(SecurityEventType type, String severity, String owner, String message,
                                               Instant at, String id) {
        return SecurityEventItem.common(type.name(), severity, owner, message, at, id, retention);
    }

    private void put(Map<String, AttributeValue> item) {
        table.dynamo().putItem(PutItemRequest.builder().tableName(table.name()).item(item).build());
    }

    /** Recording never fails the request that caused it: a failed write is logged. */
    private static void quietly(SecurityEventType type, Runnable write) {
        try {
            write.run();
        } catch (SdkException e) {
            LOG.error("security event not recorded", Map.of("type", type.name()), e);
        }
    }
}
