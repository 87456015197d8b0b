package io.agentlaunchpad.emulators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dynalite killed as a crash kills it and started again: the same endpoint, every acknowledged write still there. */
class DynaliteTest {

    @TempDir
    Path dir;

    @Test
    void anAcknowledgedWriteSurvivesAKillAndIsReadAfterTheRestartWithTheSameClient() {
        try (Dynalite dynalite = Dynalite.start(dir.resolve("dynamo"));
             DynamoDbClient client = dynalite.client()) {
            createTable(client);
            client.putItem(b -> b.tableName("things").item(Map.of("id", s("a"), "v", s("written before the kill"))));
            var endpoint = dynalite.endpoint();

            assertThat(dynalite.kill()).isTrue();
            assertThat(dynalite.running()).isFalse();
            assertThat(dynalite.kill()).as("a second kill finds nothing to kill").isFalse();
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("things").key(Map.of("id", s("a")))))
                    .isInstanceOf(SdkClientException.class);

            dynalite.restart();

            assertThat(dynalite.running()).isTrue();
            assertThat(dynalite.endpoint()).isEqualTo(endpoint);
            assertThat(client.getItem(b -> b.tableName("things").key(Map.of("id", s("a")))).item())
                    .containsEntry("v", s("written before the kill"));
        }
    }

    @Test
    void aRestartOfARunningDynaliteChangesNothing() {
        try (Dynalite dynalite = Dynalite.start();
             DynamoDbClient client = dynalite.client()) {
            createTable(client);

            dynalite.restart();

            // In memory: a new process would have started without the table.
            assertThat(client.listTables().tableNames()).containsExactly("things");
        }
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName("things").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
