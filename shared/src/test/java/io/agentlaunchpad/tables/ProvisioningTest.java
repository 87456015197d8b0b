package io.agentlaunchpad.tables;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.testing.BackendsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulators get the tables and queues production gets, from the same definitions. */
class ProvisioningTest {

    @RegisterExtension
    static final BackendsExtension backends = new BackendsExtension();

    @Test
    void theAgentsTableHasItsKeyAndFourListIndexes() {
        var table = backends.dynamo().describeTable(DescribeTableRequest.builder()
                .tableName(Tables.AGENTS.tableName(backends.prefix())).build()).table();
        assertThat(table.keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("agentId"));
        assertThat(table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("byOwner", "byOwnerStatus", "byStatus", "byCreation");
        table.globalSecondaryIndexes().forEach(i -> {
            assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(i.projection().nonKeyAttributes()).doesNotContain("platformsSealed", "authTokenSealed", "spec");
        });
    }

    @Test
    void provisioningTwiceIsHarmless() {
        TableProvisioner.createAll(backends.dynamo(), backends.prefix());
        assertThat(backends.dynamo().listTables().tableNames()).filteredOn(n -> n.startsWith(backends.prefix()))
                .hasSize(Tables.ALL.size());
    }

    @Test
    void aQueueWithAShorterVisibilityTimeoutKeepsTheRestOfItsDefinition() throws Exception {
        var queues = QueueProvisioner.create(backends.sqs(), QueueDefinition.DEPLOY.withVisibilityTimeout(2),
                backends.prefix() + "short-");
        Map<QueueAttributeName, String> attributes = backends.sqs().getQueueAttributes(b -> b
                .queueUrl(queues.queueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("2");
        assertThat(Json.tree(attributes.get(QueueAttributeName.REDRIVE_POLICY)).get("maxReceiveCount").asInt())
                .isEqualTo(QueueDefinition.DEPLOY.maxReceiveCount());
    }

    @Test
    void aMessageFailedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String queue = backends.deployQueue().queueUrl();
        backends.sqs().sendMessage(SendMessageRequest.builder().queueUrl(queue).messageBody("{\"poison\": true}").build());

        for (int i = 0; i < QueueDefinition.DEPLOY.maxReceiveCount(); i++) {
            List<Message> got = backends.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(queue)
                    .visibilityTimeout(0).waitTimeSeconds(1).build()).messages();
            assertThat(got).as("receive %d", i + 1).hasSize(1);
        }
        List<Message> afterLimit = backends.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(queue)
                .visibilityTimeout(0).waitTimeSeconds(0).build()).messages();
        List<Message> dead = backends.sqs().receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(backends.deployQueue().dlqUrl()).waitTimeSeconds(1).build()).messages();

        assertThat(afterLimit).isEmpty();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{\"poison\": true}"));
    }
}
