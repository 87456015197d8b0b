package io.agentlaunchpad.infra;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.access.Role;
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
    /** The functions whose SAM-generated role ({@code <function>Role}) the template refers to. */
    static final Set<String> GENERATED_ROLES = new java.util.TreeSet<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void include() throws java.io.IOException {
        assertThat(TEMPLATE).exists();
        // "!Ref Api.Stage" names the stage the SAM transform generates; CfnInclude only knows declared resources, so
        // the copy it parses refers to the stage-name parameter instead. Every other Ref/GetAtt is checked as is.
        String text = Files.readString(TEMPLATE);
        assertThat(text).contains("!Ref Api.Stage");
        Path parsed = Files.createTempFile("template", ".yaml");
        Files.writeString(parsed, declareGeneratedRoles(text.replace("!Ref Api.Stage", "!Ref Stage")));
        Stack stack = new Stack(new App(), "Sam");
        CfnInclude.Builder.create(stack, "Template").templateFile(parsed.toString()).build();
        Map<String, Object> json = (Map<String, Object>) Template.fromStack(stack).toJSON();
        sam = (Map<String, Map<String, Object>>) json.get("Resources");
    }

    /**
     * SAM generates {@code <function>Role} for a function without a Role, and the template may refer to it (the access
     * entries of the routes that read the cluster do); CfnInclude knows only declared resources, so the copy it parses
     * declares each such role of a declared function. A reference to anything else still fails.
     */
    static String declareGeneratedRoles(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("!GetAtt ([A-Za-z0-9]+)Role\\.Arn").matcher(text);
        StringBuilder roles = new StringBuilder();
        while (m.find()) {
            String function = m.group(1);
            if (text.contains("\n  " + function + ":\n    Type: AWS::Serverless::Function\n")
                    && !text.contains("\n  " + function + "Role:\n") && GENERATED_ROLES.add(function)) {
                roles.append("  ").append(function).append("Role:\n    Type: AWS::IAM::Role\n    Properties:\n")
                        .append("      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, ")
                        .append("Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}\n\n");
            }
        }
        assertThat(text).containsOnlyOnce("\nOutputs:\n");
        return text.replace("\nOutputs:\n", "\n" + roles + "Outputs:\n");
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
    void exactlyTheStacksFunctionsReachTheCluster_theReadersReadOnlyWithTheirOwnRoles() {
        var functions = samOfType("AWS::Serverless::Function");
        Set<String> cdkEks = LaunchpadStackTest.resources("AWS::Lambda::Function").values().stream()
                .map(LaunchpadStackTest::env).filter(e -> "eks".equals(e.get("LAUNCHPAD_CLUSTER_MODE")))
                .map(e -> (String) e.get("QUARKUS_FUNQY_EXPORT")).collect(Collectors.toSet());
        Map<String, String> samEks = new HashMap<>(); // export -> logical id
        functions.forEach((id, f) -> {
            Map<String, Object> env = map(f, "Properties", "Environment", "Variables");
            if ("eks".equals(env.get("LAUNCHPAD_CLUSTER_MODE"))) {
                samEks.put(export(f), id);
                assertThat(env.get("LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME")).as(id).isEqualTo(Map.of("Ref", "EksClusterName"));
            } else {
                assertThat(env.keySet()).as(id).noneMatch(k -> k.startsWith("LAUNCHPAD_CLUSTER_"));
            }
        });
        assertThat(samEks.keySet()).isEqualTo(cdkEks);

        Map<String, Object> describeCluster = Map.of("Effect", "Allow", "Action", "eks:DescribeCluster", "Resource",
                Map.of("Fn::Sub", "arn:${AWS::Partition}:eks:${AWS::Region}:${AWS::AccountId}:cluster/${EksClusterName}"));
        Map<String, Object> expectedEntries = new HashMap<>(); // principal role -> groups
        expectedEntries.put("DeployerRole", List.of(DeployerFunctions.KUBERNETES_GROUP));
        functions.forEach((id, f) -> {
            String export = export(f);
            Map<String, Object> properties = map(f, "Properties");
            List<Object> policies = (List<Object>) properties.getOrDefault("Policies", List.of());
            List<Object> eks = policies.stream().filter(p -> p.toString().contains("eks:")).toList();
            if (LaunchpadStackTest.CLUSTER_READERS.contains(export)) {
                // Its own generated role (as every route's), one statement: DescribeCluster on the one cluster.
                assertThat(properties).as(id).doesNotContainKey("Role");
                assertThat(eks).as(id).containsExactly(Map.of("Statement", List.of(describeCluster)));
                expectedEntries.put(id + "Role", List.of(LaunchpadStack.talksToAgent(RouteTable.byFunction(export))
                        ? ClusterAccess.MESSENGER_GROUP : ClusterAccess.READER_GROUP));
            } else {
                assertThat(eks).as(id).isEmpty();
            }
        });
        assertThat(GENERATED_ROLES).containsExactlyInAnyOrderElementsOf(LaunchpadStackTest.CLUSTER_READERS.stream()
                .map(samEks::get).toList());

        Map<String, Object> entries = new HashMap<>();
        samOfType("AWS::EKS::AccessEntry").forEach((id, e) -> {
            Map<String, Object> p = map(e, "Properties");
            assertThat(p.get("ClusterName")).as(id).isEqualTo(Map.of("Ref", "EksClusterName"));
            assertThat(p.get("Type")).as(id).isEqualTo("STANDARD");
            assertThat(p).as(id).doesNotContainKeys("AccessPolicies", "Username");
            Object getAtt = map(p, "PrincipalArn").get("Fn::GetAtt"); // [Role, Arn] or "Role.Arn"
            String role = getAtt instanceof List<?> l ? (String) l.get(0) : getAtt.toString().replaceAll("\\.Arn$", "");
            assertThat(entries.put(role, p.get("KubernetesGroups"))).as(id).isNull();
        });
        assertThat(entries).isEqualTo(expectedEntries);
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

    /**
     * The tables, the functions with their policies and the cluster-role outputs are {@link SamTemplate}'s rendering
     * of the shared definitions. After changing a route, its access or a table, rewrite them with
     * {@code -DsamTemplate.write=true} on this test (docs/least-privilege.md).
     */
    @Test
    void theGeneratedPartsAreTheSharedDefinitionsRendered() throws java.io.IOException {
        String text = Files.readString(TEMPLATE);
        String rendered = SamTemplate.regenerate(text);
        if (Boolean.getBoolean("samTemplate.write") && !rendered.equals(text)) {
            Files.writeString(TEMPLATE, rendered);
            text = rendered;
        }
        assertThat(text).as("template.yaml is stale: rerun with -DsamTemplate.write=true").isEqualTo(rendered);
    }

    /** Per function, the SAM policies allow the same tables (read, write, both) and other actions as the CDK role. */
    @Test
    @SuppressWarnings("unchecked")
    void eachSamFunctionMayDoWhatItsCdkTwinMay() {
        samOfType("AWS::Serverless::Function").forEach((id, f) -> {
            Map<String, Object> properties = map(f, "Properties");
            if (properties.containsKey("Role")) {
                return; // the deployer: its hand-written DeployerRole
            }
            Map<String, String> samTables = new java.util.TreeMap<>();
            Set<String> samActions = new java.util.TreeSet<>();
            for (Object policy : (List<Object>) properties.get("Policies")) {
                Map<String, Object> p = (Map<String, Object>) policy;
                p.forEach((template, value) -> {
                    if (template.equals("Statement")) {
                        for (Map<String, Object> statement : (List<Map<String, Object>>) value) {
                            Object action = statement.get("Action");
                            samActions.addAll(action instanceof List<?> l ? (List<String>) l : List.of((String) action));
                        }
                    } else {
                        String table = ((Map<String, String>) ((Map<String, Object>) value).get("TableName")).get("Ref");
                        samTables.put(table.replaceAll("Table$", "").toLowerCase(), switch (template) {
                            case "DynamoDBReadPolicy" -> "READ";
                            case "DynamoDBWritePolicy" -> "WRITE";
                            case "DynamoDBCrudPolicy" -> "READ_WRITE";
                            default -> throw new AssertionError(id + " uses policy template " + template);
                        });
                    }
                });
            }
            Map<String, Set<String>> cdk = RouteAccessTest.allowed(export(f));
            Map<String, String> cdkTables = new java.util.TreeMap<>();
            cdk.forEach((action, on) -> on.forEach(table -> {
                boolean read = RouteAccessTest.READS.contains(action);
                if (read || RouteAccessTest.WRITES.contains(action)) {
                    cdkTables.merge(table, read ? "READ" : "WRITE", (a, b) -> a.equals(b) ? a : "READ_WRITE");
                }
            }));
            Set<String> cdkActions = new java.util.TreeSet<>(cdk.keySet());
            cdkActions.removeIf(a -> a.startsWith("dynamodb:") || a.startsWith("xray:"));
            assertThat(samTables).as(id).isEqualTo(cdkTables);
            assertThat(samActions).as(id).isEqualTo(cdkActions);
        });
    }

    @Test
    void everyFunctionHasAnEventFileForSamLocalInvoke() {
        Path events = Path.of("..", "events").toAbsolutePath().normalize();
        RouteTable.ROUTES.forEach(r -> assertThat(events.resolve("api/" + r.function() + ".json")).exists());
        assertThat(Files.exists(events.resolve("sqs/deploy-command.json"))).isTrue();
        assertThat(Files.exists(events.resolve("authorizer/apiKey.json"))).isTrue();
    }
}
