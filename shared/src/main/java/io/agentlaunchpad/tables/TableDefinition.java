package io.agentlaunchpad.tables;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DynamoDB table, described once: the tests create it from here, and the infrastructure declares it from here.
 * {@code ttlAttribute} holds epoch seconds; DynamoDB deletes expired items eventually, so readers check expiry too.
 */
public record TableDefinition(String baseName, KeyAttribute partitionKey, KeyAttribute sortKey,
                              List<IndexDefinition> indexes, String ttlAttribute) {

    public String tableName(String prefix) {
        return prefix + baseName;
    }

    /** The prefix of a table name made by {@link #tableName} (stores given one table's name find its siblings). */
    public String prefixOf(String tableName) {
        if (!tableName.endsWith(baseName)) {
            throw new IllegalArgumentException(tableName + " is not a " + baseName + " table");
        }
        return tableName.substring(0, tableName.length() - baseName.length());
    }

    public CreateTableRequest createTableRequest(String prefix) {
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        define(attributes, partitionKey);
        define(attributes, sortKey);
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (IndexDefinition index : indexes) {
            define(attributes, index.partitionKey());
            define(attributes, index.sortKey());
            Projection projection = index.projectedAttributes() == null
                    ? Projection.builder().projectionType(ProjectionType.ALL).build()
                    : Projection.builder().projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes(index.projectedAttributes()).build();
            gsis.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(projection)
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName(prefix))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes.values())
                .keySchema(keySchema(partitionKey, sortKey));
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        return request.build();
    }

    private static void define(Map<String, AttributeDefinition> attributes, KeyAttribute key) {
        if (key != null) {
            attributes.putIfAbsent(key.name(), AttributeDefinition.builder()
                    .attributeName(key.name()).attributeType(key.type()).build());
        }
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute hash, KeyAttribute range) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
        if (range != null) {
            schema.add(KeySchemaElement.builder().attributeName(range.name()).keyType(KeyType.RANGE).build());
        }
        return schema;
    }
}
