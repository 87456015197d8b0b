package io.agentlaunchpad.bench.minimal;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The least any route does: one consistent GetItem of the agent the status route reads, with the functions' DynamoDB
 * client (the Quarkiverse extension, URL connection client). The fair floor for the routes' cold start.
 */
public class GetItemFunction {

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "floor.table")
    String table;

    @ConfigProperty(name = "floor.agent-id", defaultValue = "agent-123abc")
    String agentId;

    @Funq
    public String getItem() {
        boolean found = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("agentId", AttributeValue.builder().s(agentId).build()))).hasItem();
        return found ? "found" : "missing";
    }
}
