package io.agentlaunchpad.tables;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/**
 * One table as an adapter holds it ({@link TableSet#table}): the client and the table's resolved name, with the few
 * calls every adapter makes.
 */
public record Table(DynamoDbClient dynamo, String name) {

    /** A consistent read of one item; empty when there is none. */
    public Optional<Map<String, AttributeValue>> find(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(name).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** @return false when the write's condition refused it (nothing was written) */
    public static boolean unlessRefused(Runnable conditionalWrite) {
        try {
            conditionalWrite.run();
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    /** Where the next page of a Query or Scan starts, or null when this one was the last. */
    public static Map<String, AttributeValue> nextStart(Map<String, AttributeValue> lastEvaluatedKey) {
        return lastEvaluatedKey == null || lastEvaluatedKey.isEmpty() ? null : lastEvaluatedKey;
    }
}
