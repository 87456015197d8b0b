package io.agentlaunchpad.infra;

import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.tables.IndexDefinition;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.agentlaunchpad.infra.SamTemplateFile.map;
import static io.agentlaunchpad.infra.SamTemplateFile.sam;
import static io.agentlaunchpad.infra.SamTemplateFile.samOfType;
import static org.assertj.core.api.Assertions.assertThat;

/** In {@code template.yaml}, the tables, the deploy queue, the usage plans and gateway responses, as in the stack. */
class SamResourcesTest {

    @Test
    @SuppressWarnings("unchecked")
    void tablesHaveTheKeysAndIndexesOfTheSharedDefinitions() {
        var tables = samOfType("AWS::DynamoDB::Table");
        assertThat(tables).hasSize(Tables.ALL.size());
        for (TableDefinition definition : Tables.ALL) {
            Map<String, Object> table = tables.values().stream().map(t -> map(t, "Properties"))
                    .filter(p -> p.get("TableName").toString().contains("launchpad-${Stage}-" + definition.baseName() + "}")
                            || p.get("TableName").toString().endsWith("launchpad-${Stage}-" + definition.baseName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no table " + definition.baseName()));
            assertThat(table.get("KeySchema")).isEqualTo(LaunchpadStackTest.keySchema(definition.partitionKey(), definition.sortKey()));
            List<Map<String, Object>> gsis = (List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertThat(gsis).hasSize(definition.indexes().size());
            for (IndexDefinition index : definition.indexes()) {
                Map<String, Object> gsi = gsis.stream().filter(g -> index.name().equals(g.get("IndexName"))).findFirst().orElseThrow();
                assertThat(gsi.get("KeySchema")).isEqualTo(LaunchpadStackTest.keySchema(index.partitionKey(), index.sortKey()));
                if (index.projectedAttributes() != null) {
                    assertThat((List<String>) map(gsi, "Projection").get("NonKeyAttributes"))
                            .containsExactlyInAnyOrderElementsOf(index.projectedAttributes());
                }
            }
            assertThat(table.get("TimeToLiveSpecification")).isEqualTo(definition.ttlAttribute() == null ? null
                    : Map.of("AttributeName", definition.ttlAttribute(), "Enabled", true));
            assertThat(table.get("DeletionProtectionEnabled")).isEqualTo(true);
            assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        }
    }

    @Test
    void theDeployQueueHasTheDefinedSettings() {
        Map<String, Object> queue = map(sam().get("DeployQueue"), "Properties");
        QueueDefinition d = QueueDefinition.DEPLOY;
        assertThat(queue.get("VisibilityTimeout")).isEqualTo(d.visibilityTimeoutSeconds());
        assertThat(queue.get("MessageRetentionPeriod")).isEqualTo(d.retentionSeconds());
        assertThat(map(queue, "RedrivePolicy").get("maxReceiveCount")).isEqualTo(d.maxReceiveCount());
        assertThat(map(sam().get("DeployDeadLetterQueue"), "Properties").get("MessageRetentionPeriod"))
                .isEqualTo(d.dlqRetentionSeconds());
    }

    @Test
    void usagePlansAndGatewayResponsesMatchTheStack() {
        Limits limits = new Limits(LaunchpadSettings.launchpadConfig(Map.of()));
        for (Role role : Role.values()) {
            String name = role.name().charAt(0) + role.name().substring(1).toLowerCase();
            Map<String, Object> plan = map(sam().get("UsagePlan" + name), "Properties");
            Limits.UsageTier tier = limits.tier(role);
            assertThat(((Number) map(plan, "Throttle").get("RateLimit")).doubleValue()).isEqualTo(tier.rate());
            assertThat(map(plan, "Throttle").get("BurstLimit")).isEqualTo(tier.burst());
            assertThat(((Number) map(plan, "Quota").get("Limit")).longValue()).isEqualTo(tier.quotaPerDay());
        }
        Set<String> samTypes = samOfType("AWS::ApiGateway::GatewayResponse").values().stream()
                .map(r -> (String) map(r, "Properties").get("ResponseType")).collect(Collectors.toSet());
        Set<String> cdkTypes = LaunchpadStackTest.resources("AWS::ApiGateway::GatewayResponse").values().stream()
                .map(r -> (String) LaunchpadStackTest.props(r).get("ResponseType")).collect(Collectors.toSet());
        assertThat(samTypes).isEqualTo(cdkTypes);
    }
}
