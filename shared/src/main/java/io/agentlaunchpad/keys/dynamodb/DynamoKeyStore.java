package io.agentlaunchpad.keys.dynamodb;

import io.agentlaunchpad.keys.ApiKey;
import io.agentlaunchpad.keys.KeyStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.tables.Attributes.bool;
import static io.agentlaunchpad.tables.Attributes.flag;
import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/**
 * Adapter: keys in DynamoDB by {@code keyHash}. The authorizer's lookup is one eventually consistent GetItem (half a
 * read unit); expired items stay 30 days for the listing, then TTL removes them.
 */
@ApplicationScoped
public class DynamoKeyStore implements KeyStore {

    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoKeyStore(DynamoDbClient dynamo, LaunchpadConfig config) {
        this.dynamo = dynamo;
        this.table = Tables.API_KEYS.tableName(config.tables().prefix());
    }

    @Override
    public void create(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("keyHash", s(key.keyHash()));
        item.put("keyId", s(key.keyId()));
        item.put("owner", s(key.owner()));
        item.put("username", s(key.username()));
        item.put("role", s(key.role().name()));
        item.put("createdAt", s(key.createdAt().toString()));
        item.put("expiresAt", s(key.expiresAt().toString()));
        item.put("expiresTtl", n(key.expiresAt().plus(KEEP_AFTER_EXPIRY).getEpochSecond()));
        item.put("revoked", bool(false));
        if (key.parentKeyId() != null) {
            item.put("parentKeyId", s(key.parentKeyId()));
        }
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(keyHash)").build());
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("keyHash", s(keyHash))).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Optional<ApiKey> findByKeyId(String keyId) {
        QueryResponse found = dynamo.query(QueryRequest.builder().tableName(table).indexName("byKeyId")
                .keyConditionExpression("keyId = :k").expressionAttributeValues(Map.of(":k", s(keyId))).build());
        if (found.items().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .consistentRead(true).key(Map.of("keyHash", found.items().get(0).get("keyHash"))).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<ApiKey> listByOwner(String owner) {
        List<ApiKey> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName("byOwner")
                    .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", s(owner))).scanIndexForward(false);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(request.build());
            page.items().forEach(item -> keys.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    @Override
    public boolean revoke(String keyHash, Instant when) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("keyHash", s(keyHash)))
                    .updateExpression("SET revoked = :t, revokedAt = :at")
                    .conditionExpression("attribute_exists(keyHash) AND revoked = :f")
                    .expressionAttributeValues(Map.of(":t", bool(true), ":f", bool(false), ":at", s(when.toString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public boolean touch(String keyHash, Instant when, Instant notBefore) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("keyHash", s(keyHash)))
                    .updateExpression("SET lastUsedAt = :t")
                    .conditionExpression("attribute_exists(keyHash) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :nb)")
                    .expressionAttributeValues(Map.of(":t", s(when.toString()), ":nb", s(notBefore.toString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException recentlyTouched) {
            return false;
        }
    }

    @Override
    public void recordGatewayKey(String keyHash, String gatewayKeyId) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("keyHash", s(keyHash)))
                .updateExpression("SET gatewayKeyId = :g")
                .expressionAttributeValues(Map.of(":g", s(gatewayKeyId))).build());
    }

    @Override
    public void addChild(String parentKeyHash, String childKeyId) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of("keyHash", s(parentKeyHash)))
                .updateExpression("ADD childKeyIds :c").conditionExpression("attribute_exists(keyHash)")
                .expressionAttributeValues(Map.of(":c", AttributeValue.builder().ss(childKeyId).build())).build());
    }

    private static ApiKey fromItem(Map<String, AttributeValue> item) {
        return new ApiKey(text(item, "keyHash"), text(item, "keyId"), text(item, "owner"), text(item, "username"),
                Role.parse(text(item, "role")).orElse(Role.VIEWER), instant(item, "createdAt"),
                instant(item, "expiresAt"), instant(item, "lastUsedAt"), flag(item, "revoked"),
                instant(item, "revokedAt"), text(item, "gatewayKeyId"), text(item, "parentKeyId"),
                item.containsKey("childKeyIds") ? java.util.Set.copyOf(item.get("childKeyIds").ss()) : java.util.Set.of());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = text(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
