package io.agentlaunchpad.infra;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.Tables;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.agentlaunchpad.infra.LaunchpadStackTest.env;
import static io.agentlaunchpad.infra.LaunchpadStackTest.resources;
import static io.agentlaunchpad.infra.LaunchpadStackTest.roleOf;
import static io.agentlaunchpad.infra.LaunchpadStackTest.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM per function, read statement by statement from the synthesised template: each route's role may do what its
 * code uses ({@link RouteAccess}) and nothing more. The promises of issue #17 are checked by name, not through the
 * declaration, so a wrong line in it fails here.
 */
class RouteAccessTest {

    static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan",
            "dynamodb:BatchGetItem");
    static final Set<String> WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");
    private static final Pattern TABLE = Pattern.compile("Tables([A-Za-z]+?)[0-9A-F]{8}");
    private static final Pattern NAMED = Pattern.compile(
            "(DeployQueueCommands|DeployQueueDeadLetters|SealingKey|AgentImages)[0-9A-F]{8}|apigateway:.*?::(/[a-z/*]+)|:cluster/");

    /** What a function's role allows, as action -> the things it names (table base names, queue, key, paths...). */
    static Map<String, Set<String>> allowed(String export) {
        Map<String, Set<String>> allowed = new HashMap<>();
        for (Map<String, Object> statement : statementsOf(roleOf(export))) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            Object action = statement.get("Action");
            List<?> actions = action instanceof List<?> l ? l : List.of(action);
            String resource = statement.get("Resource").toString();
            Set<String> named = new TreeSet<>();
            Matcher table = TABLE.matcher(resource);
            while (table.find()) {
                named.add(table.group(1).toLowerCase());
            }
            Matcher other = NAMED.matcher(resource);
            while (other.find()) {
                named.add(other.group(1) != null ? other.group(1) : other.group(2) != null ? other.group(2) : "cluster");
            }
            if (!resource.equals("*")) { // X-Ray's trace segments only
                assertThat(named).as(export + " " + statement).isNotEmpty();
            }
            actions.forEach(a -> allowed.computeIfAbsent((String) a, k -> new TreeSet<>()).addAll(named));
        }
        return allowed;
    }

    static String table(TableDefinition definition) {
        return definition.baseName().replace("-", "").toLowerCase();
    }

    /** The exports whose role allows an action on something (a table, the queue ...). */
    static Set<String> exportsAllowed(String action, String on) {
        return exports().stream().filter(e -> allowed(e).getOrDefault(action, Set.of()).contains(on))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> exports() {
        return resources("AWS::Lambda::Function").values().stream()
                .map(f -> (String) env(f).get("QUARKUS_FUNQY_EXPORT")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRouteDeclaresItsAccess_andEveryDeclarationIsARoute() {
        assertThat(RouteAccess.declared()).containsExactlyInAnyOrderElementsOf(
                RouteTable.ROUTES.stream().map(Route::function).toList());
    }

    @Test
    void eachRoleMayDoWhatItsDeclarationSays_andNothingElse() {
        Map<String, Access> declared = new HashMap<>();
        RouteTable.ROUTES.forEach(r -> declared.put(r.function(), RouteAccess.of(r)));
        declared.put(Authorizers.EXPORT, RouteAccess.AUTHORIZER);
        declared.forEach((export, access) -> {
            Map<String, Set<String>> allowed = allowed(export);
            Map<String, Set<String>> expected = new HashMap<>();
            access.tables().forEach((definition, use) -> {
                Set<String> actions = switch (use) {
                    case READ -> READS;
                    case WRITE -> WRITES;
                    case READ_WRITE -> union(READS, WRITES);
                };
                actions.forEach(a -> expected.computeIfAbsent(a, k -> new TreeSet<>()).add(table(definition)));
            });
            access.grants().forEach(g -> g.statements.forEach(s -> s.actions().forEach(a ->
                    expected.computeIfAbsent(a, k -> new TreeSet<>()).addAll(names(s.target())))));
            if (!export.equals(Authorizers.EXPORT) && RouteTable.byFunction(export).readsCluster()) {
                expected.put("eks:DescribeCluster", Set.of("cluster"));
            }
            Map<String, Set<String>> actual = new HashMap<>(allowed);
            actual.keySet().removeIf(a -> a.startsWith("xray:") || (a.startsWith("dynamodb:")
                    && !READS.contains(a) && !WRITES.contains(a))); // DescribeTable, streams: no items
            assertThat(actual).as(export).isEqualTo(expected);
        });
    }

    private static Set<String> names(Grant.Target target) {
        return switch (target) {
            case DEPLOY_QUEUE -> Set.of("DeployQueueCommands");
            case DEPLOY_QUEUES -> Set.of("DeployQueueCommands", "DeployQueueDeadLetters");
            case SEALING_KEY -> Set.of("SealingKey");
            case AGENT_IMAGES -> Set.of("AgentImages");
            case API_GATEWAY_KEYS, API_GATEWAY_KEY, API_GATEWAY_LOOKUPS -> Set.copyOf(target.apiGatewayPaths());
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void kmsDataKeysOnlyWhereTokensAreSealed_decryptOnlyWhereTheyAreReadBack() {
        assertThat(exportsAllowed("kms:GenerateDataKey", "SealingKey")).containsExactly("createAgent", "updateAgent");
        assertThat(exportsAllowed("kms:Decrypt", "SealingKey")).containsExactlyInAnyOrder("updateAgent",
                "rollbackAgent", "sendAgentMessage", "listAgentMessages", DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE);
        exports().forEach(e -> assertThat(allowed(e).keySet()).as(e)
                .noneMatch(a -> a.equals("kms:Encrypt") || a.startsWith("kms:ReEncrypt") || a.equals("kms:*")));
    }

    @Test
    void onlyTheRoutesThatChangeAnAgentSendDeployCommands() {
        assertThat(exportsAllowed("sqs:SendMessage", "DeployQueueCommands")).containsExactlyInAnyOrder("createAgent",
                "updateAgent", "deleteAgent", "scaleAgent", "restartAgent", "rollbackAgent", DeployerFunctions.DEPLOY,
                DeployerFunctions.RECONCILE);
        assertThat(exportsAllowed("sqs:GetQueueAttributes", "DeployQueueDeadLetters")).containsExactly("getHealth");
    }

    @Test
    void theKeysTableOnlyForTheKeyRoutesAndTheAuthorizer_theUsersTableOnlyForThemAndTheProfile() {
        String keys = table(Tables.API_KEYS);
        // linkIdentity reads (never writes) the keys: a link is refused while the identity holds active keys
        assertThat(exportsAllowed("dynamodb:GetItem", keys)).containsExactlyInAnyOrder("generateKey", "listKeys",
                "revokeKey", "linkIdentity", Authorizers.EXPORT);
        assertThat(exportsAllowed("dynamodb:UpdateItem", keys)).containsExactlyInAnyOrder("generateKey", "revokeKey",
                Authorizers.EXPORT);
        String users = table(Tables.USERS);
        assertThat(exportsAllowed("dynamodb:GetItem", users)).containsExactlyInAnyOrder("generateKey",
                "getUserProfile", "updateUserProfile", "linkIdentity", "listIdentityLinks", "unlinkIdentity",
                Authorizers.EXPORT);
        assertThat(exportsAllowed("apigateway:POST", "/apikeys")).containsExactlyInAnyOrder("generateKey", "revokeKey",
                Authorizers.EXPORT); // the authorizer: each token user's own usage key
        assertThat(exportsAllowed("apigateway:GET", "/usageplans")).containsExactly(Authorizers.EXPORT);
        assertThat(exportsAllowed("apigateway:DELETE", "/apikeys/*")).containsExactlyInAnyOrder("generateKey",
                "revokeKey");
    }

    @Test
    void readRoutesWriteOnlyTheirBookkeeping_andOnlyTheEventsRouteReadsEvents() {
        for (Route route : RouteTable.ROUTES) {
            Set<String> written = new TreeSet<>();
            allowed(route.function()).forEach((a, on) -> {
                if (WRITES.contains(a)) {
                    written.addAll(on);
                }
            });
            if (route.method().equals("GET")) {
                assertThat(written).as(route.function()).containsExactlyInAnyOrder(table(Tables.COUNTERS),
                        table(Tables.SECURITY_EVENTS));
            }
            assertThat(written).as(route.function()).doesNotContain(table(Tables.IMAGE_VERDICTS));
        }
        assertThat(exportsAllowed("dynamodb:Query", table(Tables.SECURITY_EVENTS))).containsExactlyInAnyOrder(
                "listSecurityEvents", DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE);
        assertThat(exportsAllowed("dynamodb:GetItem", table(Tables.IMAGE_VERDICTS))).containsExactlyInAnyOrder(
                "createAgent", "rollbackAgent", DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE);
    }

    @Test
    void theScanRoutesReadTheCataloguesImages_onlyAScanOrTheDeployerStartsOne() {
        assertThat(allowed("scanAgent")).containsEntry("ecr:DescribeImages", Set.of("AgentImages"))
                .containsEntry("ecr:DescribeImageScanFindings", Set.of("AgentImages"))
                .containsEntry("ecr:StartImageScan", Set.of("AgentImages"));
        assertThat(allowed("getScan")).containsEntry("ecr:DescribeImages", Set.of("AgentImages"))
                .containsEntry("ecr:DescribeImageScanFindings", Set.of("AgentImages"));
        assertThat(exportsAllowed("ecr:StartImageScan", "AgentImages")).containsExactlyInAnyOrder("scanAgent",
                DeployerFunctions.DEPLOY, DeployerFunctions.RECONCILE);
        assertThat(exportsAllowed("ecr:DescribeRepositories", "AgentImages")).containsExactly("getHealth");
        resources("AWS::Lambda::Function").values().forEach(f -> {
            String export = (String) env(f).get("QUARKUS_FUNQY_EXPORT");
            boolean readsImages = allowed(export).keySet().stream().anyMatch(a -> a.startsWith("ecr:"));
            assertThat(env(f).containsKey(LaunchpadStack.IMAGES_REPOSITORY_VARIABLE)).as(export).isEqualTo(readsImages);
        });
    }

    @Test
    void theAuthorizerReadsKeysAndUsers_registersUsageKeys_andReachesNoQueueClusterRegistryOrKey() {
        assertThat(allowed(Authorizers.EXPORT).keySet()).noneMatch(a -> a.startsWith("sqs:") || a.startsWith("eks:")
                || a.startsWith("ecr:") || a.startsWith("kms:"));
        assertThat(allowed(Authorizers.EXPORT)).containsEntry("apigateway:GET", Set.of("/apikeys", "/usageplans"))
                .doesNotContainKey("apigateway:DELETE");
        resources("AWS::Lambda::Function").values().stream()
                .filter(f -> Authorizers.EXPORT.equals(env(f).get("QUARKUS_FUNQY_EXPORT")))
                .forEach(f -> assertThat(env(f)).containsEntry("LAUNCHPAD_USAGE_PLANS_ADAPTER", "aws")
                        .containsEntry("LAUNCHPAD_USAGE_PLANS_USER_JWT_KEY", "launchpad-test-jwt-callers-user"));
    }
}
