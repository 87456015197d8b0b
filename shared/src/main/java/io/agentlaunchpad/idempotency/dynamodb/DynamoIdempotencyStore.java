package io.agentlaunchpad.idempotency.dynamodb;

import io.agentlaunchpad.idempotency.IdempotencyRecord;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Adapter: idempotency records in DynamoDB, expired by TTL in AWS and by the read-side check everywhere. */
@ApplicationScoped
public class DynamoIdempotencyStore implements IdempotencyStore {

    private static final String KEY = "idempotencyKey";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public DynamoIdempotencyStore(DynamoDbClient dynamo, LaunchpadConfig config, Clock clock) {
        this(dynamo, Tables.IDEMPOTENCY.tableName(config.tables().prefix()), clock);
    }

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(claim.key()));
        item.put("requestHash", s(claim.requestHash()));
        item.put("resourceId", s(claim.resourceId()));
        item.put("expiresAt", n(claim.expiresAt().getEpochSecond()));
        try {
            // A record past its expiry may linger until DynamoDB's TTL sweep: it no longer holds the key.
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#k) OR expiresAt < :now")
                    .expressionAttributeNames(Map.of("#k", KEY))
                    .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond())))
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException held) {
            Map<String, AttributeValue> existing = dynamo.getItem(GetItemRequest.builder().tableName(table)
                    .key(Map.of(KEY, s(claim.key()))).consistentRead(true).build()).item();
            if (existing == null || existing.isEmpty()) {
                return claim(claim);
            }
            return Optional.of(new IdempotencyRecord(claim.key(), existing.get("requestHash").s(),
                    existing.get("resourceId").s(),
                    existing.containsKey("statusCode") ? Integer.valueOf(existing.get("statusCode").n()) : null,
                    existing.containsKey("response") ? existing.get("response").s() : null,
                    Instant.ofEpochSecond(Long.parseLong(existing.get("expiresAt").n()))));
        }
    }

    @Override
    public void finish(String key, int statusCode, String response) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Map.of(KEY, s(key)))
                .updateExpression("SET #code = :code, #response = :response")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", KEY, "#code", "statusCode", "#response", "response"))
                .expressionAttributeValues(Map.of(":code", n(statusCode), ":response", s(response)))
                .build());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
