package io.agentlaunchpad.tables;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

public class TableSetProducer {

    @Produces
    @Singleton
    public TableSet tables(DynamoDbClient dynamo, LaunchpadConfig config) {
        return TableSet.of(dynamo, config);
    }
}
