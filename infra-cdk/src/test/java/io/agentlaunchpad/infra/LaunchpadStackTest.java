package io.agentlaunchpad.infra;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.tables.IndexDefinition;
import io.agentlaunchpad.tables.KeyAttribute;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The promises of the infrastructure, read from the synthesised template. */
class LaunchpadStackTest {

    static final String PREFIX = "launchpad-test-";

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) Stacks.template().findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(Map<String, Object> function) {
        return (Map<String, Object>) ((Map<String, Object>) props(function).get("Environment")).get("Variables");
    }

    @Test
    void everyRouteIsAMethodGuardedByTheAuthorizerAndMeteredByKey() {
        var methods = resources("AWS::ApiGateway::Method");
        assertThat(methods).hasSize(RouteTable.ROUTES.size());
        Set<String> operations = new HashSet<>();
        methods.values().forEach(m -> {
            Map<String, Object> p = props(m);
            assertThat(p.get("AuthorizationType")).isEqualTo("CUSTOM");
            assertThat(p.get("AuthorizerId")).isNotNull();
            assertThat(p.get("ApiKeyRequired")).isEqualTo(true);
            assertThat(p.get("Integration").toString()).contains("AWS_PROXY");
            operations.add(p.get("HttpMethod") + " " + p.get("OperationName"));
        });
        assertThat(operations).containsExactlyInAnyOrderElementsOf(RouteTable.ROUTES.stream()
                .map(r -> r.method() + " " + r.function()).toList());
        Stacks.template().hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("ApiKeySourceType", "AUTHORIZER"));
        Stacks.template().hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of(
                "Type", "REQUEST",
                "IdentitySource", "method.request.header.X-API-Key,method.request.header.Authorization",
                "AuthorizerResultTtlInSeconds", 0));
        Stacks.template().hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "TracingEnabled", true, "AccessLogSetting", Match.anyValue())));
    }

    @Test
    void eachRouteHasItsOwnLambdaExportingItsFunction_nativeByDefault() {
        List<String> exports = new ArrayList<>();
        resources("AWS::Lambda::Function").values().forEach(f -> {
            exports.add((String) env(f).get("QUARKUS_FUNQY_EXPORT"));
            assertThat(props(f).get("Runtime")).isEqualTo("provided.al2023");
            assertThat(env(f).get("DISABLE_SIGNAL_HANDLERS")).isEqualTo("true");
            assertThat(env(f)).containsKeys("LAUNCHPAD_TABLES_PREFIX", "LAUNCHPAD_DEPLOY_QUEUE_URL",
                    "LAUNCHPAD_SEALING_KMS_KEY_ID", "LAUNCHPAD_AGENTS_DOMAIN");
        });
        List<String> expected = new ArrayList<>(RouteTable.ROUTES.stream().map(Route::function).toList());
        expected.addAll(List.of(Authorizers.EXPORT, DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE));
        assertThat(exports).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theJvmFallbackRunsJava21WithSnapStart() {
        software.amazon.awscdk.assertions.Template jvm = software.amazon.awscdk.assertions.Template.fromStack(
                Stacks.newStack(Map.of("runtime", "jvm")));
        jvm.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DISABLE_SIGNAL_HANDLERS", Match.absent()))))));
    }

    @Test
    void usagePlansCarryTheNumbersOfTheSharedConfiguration() {
        Limits limits = new Limits(LaunchpadSettings.launchpadConfig(Map.of()));
        for (Role role : Role.values()) {
            Limits.UsageTier tier = limits.tier(role);
            Stacks.template().hasResourceProperties("AWS::ApiGateway::UsagePlan", Match.objectLike(Map.of(
                    "UsagePlanName", PREFIX + role.name().toLowerCase(),
                    "Throttle", Map.of("RateLimit", tier.rate(), "BurstLimit", tier.burst()),
                    "Quota", Map.of("Limit", tier.quotaPerDay(), "Period", "DAY"))));
        }
        assertThat(resources("AWS::ApiGateway::UsagePlan")).hasSize(Role.values().length);
        // The routes that register keys (RouteAccess: USAGE_KEYS) know these plans.
        resources("AWS::Lambda::Function").values().stream()
                .filter(f -> RouteTable.ROUTES.stream().anyMatch(r -> r.function().equals(env(f).get("QUARKUS_FUNQY_EXPORT"))
                        && RouteAccess.of(r).has(Grant.USAGE_KEYS)))
                .forEach(f -> assertThat(env(f)).containsEntry("LAUNCHPAD_USAGE_PLANS_ADAPTER", "aws")
                        .containsKeys("LAUNCHPAD_USAGE_PLANS_ADMIN_PLAN_ID", "LAUNCHPAD_USAGE_PLANS_USER_PLAN_ID",
                                "LAUNCHPAD_USAGE_PLANS_VIEWER_PLAN_ID"));
    }

    @Test
    void theDeployerConsumesTheQueueReportingBatchItemFailures() {
        Stacks.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", DeployerFunctions.BATCH_SIZE,
                "ScalingConfig", Map.of("MaximumConcurrency", DeployerFunctions.MAX_CONCURRENCY))));
        assertThat(resources("AWS::Lambda::EventSourceMapping")).hasSize(1);
        Stacks.template().hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(5 minutes)")));
        Stacks.template().hasResourceProperties("AWS::EKS::AccessEntry", Match.objectLike(Map.of(
                "ClusterName", "agents",
                "KubernetesGroups", List.of(DeployerFunctions.KUBERNETES_GROUP),
                "Type", "STANDARD")));
        resources("AWS::Lambda::Function").values().stream()
                .filter(f -> DeployerFunctions.DEPLOY.equals(env(f).get("QUARKUS_FUNQY_EXPORT")))
                .forEach(f -> {
                    assertThat(env(f)).containsEntry("LAUNCHPAD_CLUSTER_MODE", "eks")
                            .containsEntry("LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME", "agents");
                    assertThat(((Number) props(f).get("Timeout")).intValue())
                            .isLessThan(QueueDefinition.DEPLOY.visibilityTimeoutSeconds());
                });
    }

    @Test
    void tablesHaveExactlyTheKeysAndIndexesTheCodeUses() {
        var tables = resources("AWS::DynamoDB::Table");
        assertThat(tables).hasSize(Tables.ALL.size());
        for (TableDefinition definition : Tables.ALL) {
            Map<String, Object> table = tables.values().stream().map(LaunchpadStackTest::props)
                    .filter(p -> p.get("TableName").equals(definition.tableName(PREFIX)))
                    .findFirst().orElseThrow(() -> new AssertionError("no table " + definition.baseName()));
            assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(table.get("DeletionProtectionEnabled")).isEqualTo(true);
            assertThat(table.toString()).contains("PointInTimeRecoveryEnabled=true");
            assertThat(table.get("KeySchema")).isEqualTo(keySchema(definition.partitionKey(), definition.sortKey()));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gsis = (List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of());
            assertThat(gsis).hasSize(definition.indexes().size());
            for (IndexDefinition index : definition.indexes()) {
                Map<String, Object> gsi = gsis.stream().filter(g -> g.get("IndexName").equals(index.name()))
                        .findFirst().orElseThrow(() -> new AssertionError("no index " + index.name()));
                assertThat(gsi.get("KeySchema")).isEqualTo(keySchema(index.partitionKey(), index.sortKey()));
                assertThat(gsi.get("Projection").toString()).contains(index.projectedAttributes() == null ? "ALL" : "INCLUDE");
            }
            if (definition.ttlAttribute() != null) {
                assertThat(table.get("TimeToLiveSpecification"))
                        .isEqualTo(Map.of("AttributeName", definition.ttlAttribute(), "Enabled", true));
            } else {
                assertThat(table).doesNotContainKey("TimeToLiveSpecification");
            }
        }
    }

    static List<Map<String, String>> keySchema(KeyAttribute hash, KeyAttribute range) {
        List<Map<String, String>> schema = new ArrayList<>();
        schema.add(Map.of("AttributeName", hash.name(), "KeyType", "HASH"));
        if (range != null) {
            schema.add(Map.of("AttributeName", range.name(), "KeyType", "RANGE"));
        }
        return schema;
    }

    @Test
    void theDeployQueueRedrivesToItsEncryptedDeadLetterQueueAsDefined() {
        Stacks.template().hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "QueueName", QueueDefinition.DEPLOY.queueName(PREFIX),
                "VisibilityTimeout", QueueDefinition.DEPLOY.visibilityTimeoutSeconds(),
                "SqsManagedSseEnabled", true,
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", QueueDefinition.DEPLOY.maxReceiveCount())))));
        Stacks.template().hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "QueueName", QueueDefinition.DEPLOY.dlqName(PREFIX), "SqsManagedSseEnabled", true)));
    }

    /** The routes whose functions read the cluster (functions/api: live status, ops routes), as the table flags them. */
    static final Set<String> CLUSTER_READERS = RouteTable.ROUTES.stream().filter(Route::readsCluster)
            .map(Route::function).collect(Collectors.toSet());

    /** The logical id of the role a function (by export) runs as. */
    static String roleOf(String export) {
        return resources("AWS::Lambda::Function").values().stream()
                .filter(f -> export.equals(env(f).get("QUARKUS_FUNQY_EXPORT")))
                .map(f -> roleId(props(f).get("Role")))
                .findFirst().orElseThrow(() -> new AssertionError("no function " + export));
    }

    static String roleId(Object getAttArn) {
        return getAttArn.toString().replaceAll(".*Fn::GetAtt=\\[([^,]+),.*", "$1");
    }

    /** Every statement of the policies attached to a role, one by one. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOf(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().stream()
                .filter(p -> props(p).get("Roles").toString().contains(role + "}"))
                .forEach(p -> statements.addAll((List<Map<String, Object>>)
                        ((Map<String, Object>) props(p).get("PolicyDocument")).get("Statement")));
        return statements;
    }

    @Test
    void theEcrRepositoryScansOnPushWithImmutableTags_andTheSealingKeyRotates() {
        Stacks.template().hasResourceProperties("AWS::ECR::Repository", Match.objectLike(Map.of(
                "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                "ImageTagMutability", "IMMUTABLE",
                "LifecyclePolicy", Match.anyValue())));
        Stacks.template().hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    }

    @Test
    void aNormalStageKeepsItsDataWhenTheStackGoes_unlikeAnEphemeralOne() {
        // (EphemeralStageTest checks the throw-away stage the stack end-to-end test deploys.)
        resources("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertThat(table.get("DeletionPolicy")).as(id).isEqualTo("Retain");
            assertThat(props(table).get("DeletionProtectionEnabled")).as(id).isEqualTo(true);
        });
        for (String type : List.of("AWS::KMS::Key", "AWS::ECR::Repository", "AWS::ApiGateway::Account")) {
            assertThat(resources(type)).as(type).isNotEmpty()
                    .allSatisfy((id, r) -> assertThat(r.get("DeletionPolicy")).as(id).isEqualTo("Retain"));
        }
    }

    @Test
    void anEphemeralStageThatCreatesItsRepository_deletesItWithItsImages() {
        Template ephemeral = Template.fromStack(Stacks.newStack(Map.of("ephemeral", "true")));
        ephemeral.hasResource("AWS::ECR::Repository", Match.objectLike(Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("EmptyOnDelete", true)))));
        Stacks.template().hasResourceProperties("AWS::ECR::Repository",
                Match.objectLike(Map.of("EmptyOnDelete", Match.absent())));
    }

    @Test
    void aFlagIsTrueOrFalse_nothingElse() {
        assertThatThrownBy(() -> Stacks.newStack(Map.of("ephemeral", "yes")))
                .hasMessage("context ephemeral must be true or false, not 'yes'");
    }

    @Test
    void gatewayRefusalsAnswerInTheApiErrorFormatWithCors() {
        var responses = resources("AWS::ApiGateway::GatewayResponse");
        assertThat(responses).hasSize(HttpApi.GATEWAY_RESPONSES.size());
        Set<String> types = responses.values().stream().map(r -> (String) props(r).get("ResponseType"))
                .collect(Collectors.toSet());
        assertThat(types).contains("UNAUTHORIZED", "ACCESS_DENIED", "THROTTLED", "QUOTA_EXCEEDED",
                "MISSING_AUTHENTICATION_TOKEN", "REQUEST_TOO_LARGE", "DEFAULT_5XX");
        responses.values().forEach(r -> {
            assertThat(props(r).get("ResponseTemplates").toString()).contains("\"error\"").contains("$context.requestId");
            assertThat(props(r).get("ResponseParameters").toString())
                    .contains("gatewayresponse.header.Access-Control-Allow-Origin");
        });
    }

    @Test
    void alarmsWatchTheQueueTheFunctionsAndTheApi() {
        Set<String> metrics = resources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> (String) props(a).get("MetricName")).collect(Collectors.toSet());
        assertThat(metrics).contains("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "Errors",
                "Throttles", "5XXError", "Latency");
    }

    @Test
    void outputsTellTheOperatorWhatTheyNeed() {
        Set<String> outputs = Stacks.template().findOutputs("*").keySet();
        assertThat(outputs).contains("ApiUrl", "UsagePlanADMIN", "UsagePlanUSER", "UsagePlanVIEWER", "DeployQueueUrl",
                "DeadLetterQueueUrl", "BootstrapFirstAdmin", "DeployerRoleArn", "ClusterReaderRoleArns",
                "ClusterMessengerRoleArns");
    }
}
