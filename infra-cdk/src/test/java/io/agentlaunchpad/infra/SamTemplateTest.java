package io.agentlaunchpad.infra;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.identity.Role;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.tables.IndexDefinition;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cloudformation.include.CfnInclude;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code template.yaml} (AWS SAM) is the same system as the CDK stack: CfnInclude parses it (a dangling Ref or GetAtt
 * fails here), then its functions, routes, tables, queues and usage plans are compared with the route table, the
 * shared definitions and the synthesised CDK template.
 */
class SamTemplateTest {

    static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
    static Map<String, Map<String, Object>> sam;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void include() throws java.io.IOException {
        assertThat(TEMPLATE).exists();
        // "!Ref Api.Stage" names the stage the SAM transform generates; CfnInclude only knows declared resources, so
        // the copy it parses refers to the stage-name parameter instead. Every other Ref/GetAtt is checked as is.
        String text = Files.readString(TEMPLATE);
        assertThat(text).contains("!Ref Api.Stage");
        Path parsed = Files.createTempFile("template", ".yaml");
        Files.writeString(parsed, text.replace("!Ref Api.Stage", "!Ref Stage"));
        Stack stack = new Stack(new App(), "Sam");
        CfnInclude.Builder.create(stack, "Template").templateFile(parsed.toString()).build();
        Map<String, Object> json = (Map<String, Object>) Template.fromStack(stack).toJSON();
        sam = (Map<String, Map<String, Object>>) json.get("Resources");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    static Map<String, Map<String, Object>> samOfType(String type) {
        return sam.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static String export(Map<String, Object> function) {
        return (String) map(function, "Properties", "Environment", "Variables").get("QUARKUS_FUNQY_EXPORT");
    }

    @Test
    void theSameFunctionsAsTheCdkStack_eachRouteWithItsPathAndMethod() {
        var functions = samOfType("AWS::Serverless::Function");
        Set<String> samExports = functions.values().stream().map(SamTemplateTest::export).collect(Collectors.toSet());
        Set<String> cdkExports = LaunchpadStackTest.resources("AWS::Lambda::Function").values().stream()
                .map(f -> (String) LaunchpadStackTest.env(f).get("QUARKUS_FUNQY_EXPORT")).collect(Collectors.toSet());
        assertThat(samExports).isEqualTo(cdkExports).hasSize(functions.size());

        for (Route route : RouteTable.ROUTES) {
            Map<String, Object> function = functions.values().stream().filter(f -> route.function().equals(export(f)))
                    .findFirst().orElseThrow();
            Map<String, Object> event = map(function, "Properties", "Events", "Api", "Properties");
            assertThat(event.get("Path")).as(route.function()).isEqualTo(route.pathTemplate());
            assertThat(event.get("Method")).as(route.function()).isEqualTo(route.method().toLowerCase());
        }
        Map<String, Object> auth = map(sam.get("Api"), "Properties", "Auth");
        assertThat(auth.get("ApiKeyRequired")).isEqualTo(true);
        assertThat(map(auth, "Authorizers", "LaunchpadAuthorizer", "Identity").get("ReauthorizeEvery")).isEqualTo(0);
        assertThat(map(sam.get("Api"), "Properties").get("ApiKeySourceType")).isEqualTo("AUTHORIZER");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeployerReportsBatchItemFailuresLikeTheStack() {
        Map<String, Object> deploy = samOfType("AWS::Serverless::Function").values().stream()
                .filter(f -> DeployerFunctions.DEPLOY.equals(export(f))).findFirst().orElseThrow();
        Map<String, Object> sqs = map(deploy, "Properties", "Events", "DeployCommands", "Properties");
        assertThat((List<String>) sqs.get("FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        assertThat(sqs.get("BatchSize")).isEqualTo(DeployerFunctions.BATCH_SIZE);
        assertThat(map(sqs, "ScalingConfig").get("MaximumConcurrency")).isEqualTo(DeployerFunctions.MAX_CONCURRENCY);
    }

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
        Map<String, Object> queue = map(sam.get("DeployQueue"), "Properties");
        QueueDefinition d = QueueDefinition.DEPLOY;
        assertThat(queue.get("VisibilityTimeout")).isEqualTo(d.visibilityTimeoutSeconds());
        assertThat(queue.get("MessageRetentionPeriod")).isEqualTo(d.retentionSeconds());
        assertThat(map(queue, "RedrivePolicy").get("maxReceiveCount")).isEqualTo(d.maxReceiveCount());
        assertThat(map(sam.get("DeployDeadLetterQueue"), "Properties").get("MessageRetentionPeriod"))
                .isEqualTo(d.dlqRetentionSeconds());
    }

    @Test
    void usagePlansAndGatewayResponsesMatchTheStack() {
        Limits limits = new Limits(LaunchpadSettings.launchpadConfig(Map.of()));
        for (Role role : Role.values()) {
            String name = role.name().charAt(0) + role.name().substring(1).toLowerCase();
            Map<String, Object> plan = map(sam.get("UsagePlan" + name), "Properties");
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

    @Test
    void everyFunctionHasAnEventFileForSamLocalInvoke() {
        Path events = Path.of("..", "events").toAbsolutePath().normalize();
        RouteTable.ROUTES.forEach(r -> assertThat(events.resolve("api/" + r.function() + ".json")).exists());
        assertThat(Files.exists(events.resolve("sqs/deploy-command.json"))).isTrue();
        assertThat(Files.exists(events.resolve("authorizer/apiKey.json"))).isTrue();
    }
}
