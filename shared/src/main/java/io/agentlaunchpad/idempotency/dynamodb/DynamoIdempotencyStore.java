package io.agentlaunchpad.idempotency.dynamodb;

import io.agentlaunchpad.idempotency.IdempotencyRecord;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/** Adapter: idempotency records in DynamoDB, expired by TTL in AWS and by the read-side check everywhere. */
@ApplicationScoped
public class DynamoIdempotencyStore implements IdempotencyStore {

    private static final String KEY = "idempotencyKey";

    private final Table table;
    private final Clock clock;

    @Inject
    public DynamoIdempotencyStore(TableSet tables, Clock clock) {
        this.table = tables.table(Tables.IDEMPOTENCY);
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(claim.key()));
        item.put("requestHash", s(claim.requestHash()));
        item.put("resourceId", s(claim.resourceId()));
        item.put("expiresAt", n(claim.expiresAt().getEpochSecond()));
        // A record past its expiry may linger until DynamoDB's TTL sweep: it no longer holds the key.
        boolean claimed = Table.unlessRefused(() -> table.dynamo().putItem(PutItemRequest.builder()
                .tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(#k) OR expiresAt < :now")
                .expressionAttributeNames(Map.of("#k", KEY))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond())))
                .build()));
        if (claimed) {
            return Optional.empty();
        }
        Optional<Map<String, AttributeValue>> held = table.find(Map.of(KEY, s(claim.key())));
        if (held.isEmpty()) {
            return claim(claim);
        }
        Map<String, AttributeValue> existing = held.get();
        return Optional.of(new IdempotencyRecord(claim.key(), text(existing, "requestHash"),
                text(existing, "resourceId"),
                existing.containsKey("statusCode") ? (int) number(existing, "statusCode", 0) : null,
                text(existing, "response"), Instant.ofEpochSecond(number(existing, "expiresAt", 0))));
    }

    @Override
    public void finish(String key, int statusCode, String response) {
        table.dynamo().updateItem(UpdateItemRequest.builder().tableName(table.name())
                .key(Map.of(KEY, s(key)))
                .updateExpression("SET #code = :code, #response = :response")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY, "#code", "statusCode", "#response", "response"))
                .expressionAttributeValues(Map.of(":code", n(statusCode), ":response", s(response)))
                .build());
    }
}
