package io.agentlaunchpad.tables;

import io.agentlaunchpad.config.LaunchpadConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The platform's tables under one name prefix, reached with one client: every DynamoDB adapter is built from it
 * (CDI gives the configured one, {@link TableSetProducer}; tests and tools name their own prefix).
 */
public record TableSet(DynamoDbClient dynamo, String prefix) {

    public static TableSet of(DynamoDbClient dynamo, LaunchpadConfig config) {
        return new TableSet(dynamo, config.tables().prefix());
    }

    public Table table(TableDefinition definition) {
        return new Table(dynamo, definition.tableName(prefix));
    }
}
