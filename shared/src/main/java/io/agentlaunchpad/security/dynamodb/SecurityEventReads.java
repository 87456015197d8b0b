package io.agentlaunchpad.security.dynamodb;

import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEventPage;
import io.agentlaunchpad.tables.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.agentlaunchpad.tables.Attributes.s;

/**
 * The reads of the security events: an owner's are one Query of its partition; everyone's are Queries of the
 * {@code byDay} index, one UTC day at a time from today back to {@code since} (or the retention period), never a Scan.
 */
record SecurityEventReads(Table table, Clock clock, Duration retention) {

    List<SecurityEvent> recent(String owner, int limit) {
        return table.dynamo().query(QueryRequest.builder().tableName(table.name())
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s(owner)))
                        .scanIndexForward(false).limit(limit).build())
                .items().stream().map(SecurityEventItem::fromItem).toList();
    }

    /** The severity is a filter, so a Query page may hold fewer matches than asked: it goes on until {@code limit}. */
    SecurityEventPage page(String owner, String severity, Instant since, int limit, Map<String, String> after) {
        try {
            return pageOf(owner, severity, since, limit, after);
        } catch (DynamoDbException e) {
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalArgumentException("start key refused: " + e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
        }
    }

    private SecurityEventPage pageOf(String owner, String severity, Instant since, int limit,
                                     Map<String, String> after) {
        List<SecurityEvent> found = new ArrayList<>();
        Map<String, AttributeValue> start = SecurityEventCursor.startKey(after, owner != null);
        for (String day : days(owner, since, after)) {
            Map<String, AttributeValue> exclusive = start;
            start = null;
            do {
                var response = table.dynamo().query(query(owner, day, severity, since)
                        .limit(limit - found.size()).exclusiveStartKey(exclusive).build());
                for (var item : response.items()) {
                    found.add(SecurityEventItem.fromItem(item));
                }
                exclusive = Table.nextStart(response.lastEvaluatedKey());
                if (found.size() == limit) {
                    SecurityEvent last = found.get(found.size() - 1);
                    boolean more = exclusive != null || !Objects.equals(day, lastDay(owner, since));
                    return new SecurityEventPage(found, more ? SecurityEventCursor.after(last) : null);
                }
            } while (exclusive != null);
        }
        return new SecurityEventPage(found, null);
    }

    long count(String owner, String severity, Instant since) {
        long total = 0;
        for (String day : days(owner, since, null)) {
            Map<String, AttributeValue> exclusive = null;
            do {
                var response = table.dynamo().query(query(owner, day, severity, since)
                        .select(Select.COUNT).exclusiveStartKey(exclusive).build());
                total += response.count();
                exclusive = Table.nextStart(response.lastEvaluatedKey());
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
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table.name()).keyConditionExpression(condition)
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
            return Collections.singletonList(null);
        }
        LocalDate first = after != null && after.get("day") != null
                ? LocalDate.parse(after.get("day"))
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = LocalDate.parse(lastDay(null, since));
        List<String> days = new ArrayList<>();
        for (LocalDate d = first; !d.isBefore(last); d = d.minusDays(1)) {
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
}
