package io.agentlaunchpad.tables;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.time.Instant;

/** Creates the platform's tables where they are missing (tests and the local platform; AWS gets them from CDK). */
public final class TableProvisioner {

    private TableProvisioner() {
    }

    public static void createAll(DynamoDbClient dynamo, String prefix) {
        for (TableDefinition table : Tables.ALL) {
            try {
                dynamo.createTable(table.createTableRequest(prefix));
            } catch (ResourceInUseException alreadyThere) {
                // created earlier: nothing to do
            }
        }
        for (TableDefinition table : Tables.ALL) {
            awaitActive(dynamo, table.tableName(prefix));
        }
    }

    // The SDK waiter polls every 20 s; emulators are ready in milliseconds.
    private static void awaitActive(DynamoDbClient dynamo, String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            TableStatus status = dynamo.describeTable(DescribeTableRequest.builder().tableName(name).build())
                    .table().tableStatus();
            if (status == TableStatus.ACTIVE) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + name + " is still " + status);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
