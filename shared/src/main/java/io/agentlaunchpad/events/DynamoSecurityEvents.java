package io.agentlaunchpad.events;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Adapter: security events in DynamoDB, one item each, written once (conditional put on the id). */
@ApplicationScoped
public class DynamoSecurityEvents implements SecurityEvents {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoSecurityEvents(DynamoDbClient dynamo, LaunchpadConfig config) {
        this(dynamo, Tables.SECURITY_EVENTS.tableName(config.tables().prefix()));
    }

    public DynamoSecurityEvents(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(SecurityEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(event.id()));
        item.put("kind", s("EVENT"));
        item.put("type", s(event.type()));
        item.put("severity", s(event.severity()));
        if (event.agentId() != null) {
            item.put("agentId", s(event.agentId()));
        }
        item.put("message", s(event.message()));
        item.put("timestamp", s(event.timestamp()));
        item.put("sortKey", s(event.timestamp() + "#" + event.id()));
        item.put("details", s(Json.write(event.details() == null ? Map.of() : event.details())));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(id)").build());
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // the same event from a retried step: one is enough
        }
    }

    @Override
    public List<SecurityEvent> recent(int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName("byTime")
                        .keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", "kind"))
                        .expressionAttributeValues(Map.of(":k", s("EVENT")))
                        .scanIndexForward(false).limit(limit).build())
                .items().stream().map(DynamoSecurityEvents::fromItem).toList();
    }

    private static SecurityEvent fromItem(Map<String, AttributeValue> item) {
        return new SecurityEvent(item.get("id").s(), item.get("type").s(), item.get("severity").s(),
                item.containsKey("agentId") ? item.get("agentId").s() : null, item.get("message").s(),
                item.get("timestamp").s(), readDetails(item.get("details").s()));
    }

    private static Map<String, String> readDetails(String json) {
        try {
            return Json.MAPPER.readValue(json, DETAILS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
