package io.agentlaunchpad.infra;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.agentlaunchpad.infra.SamTemplateFile.TEMPLATE;
import static io.agentlaunchpad.infra.SamTemplateFile.export;
import static io.agentlaunchpad.infra.SamTemplateFile.map;
import static io.agentlaunchpad.infra.SamTemplateFile.sam;
import static io.agentlaunchpad.infra.SamTemplateFile.samOfType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code template.yaml} (AWS SAM) is the same system as the CDK stack: its generated parts are the shared definitions
 * rendered, and its functions, routes and policies match the route table and the synthesised CDK template. The
 * cluster access is {@link SamClusterAccessTest}'s, the tables, queue and usage plans {@link SamResourcesTest}'s.
 */
class SamTemplateTest {

    /**
     * The tables, the functions with their policies and the cluster-role outputs are {@link SamTemplate}'s rendering
     * of the shared definitions. After changing a route, its access or a table, rewrite them with
     * {@code -DsamTemplate.write=true} on this test (docs/least-privilege.md).
     */
    @Test
    void theGeneratedPartsAreTheSharedDefinitionsRendered() throws IOException {
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
            Map<String, String> samTables = new TreeMap<>();
            Set<String> samActions = new TreeSet<>();
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
            Map<String, String> cdkTables = new TreeMap<>();
            cdk.forEach((action, on) -> on.forEach(table -> {
                boolean read = RouteAccessTest.READS.contains(action);
                if (read || RouteAccessTest.WRITES.contains(action)) {
                    cdkTables.merge(table, read ? "READ" : "WRITE", (a, b) -> a.equals(b) ? a : "READ_WRITE");
                }
            }));
            Set<String> cdkActions = new TreeSet<>(cdk.keySet());
            cdkActions.removeIf(a -> a.startsWith("dynamodb:") || a.startsWith("xray:"));
            assertThat(samTables).as(id).isEqualTo(cdkTables);
            assertThat(samActions).as(id).isEqualTo(cdkActions);
        });
    }

    @Test
    void theSameFunctionsAsTheCdkStack_eachRouteWithItsPathAndMethod() {
        var functions = samOfType("AWS::Serverless::Function");
        Set<String> samExports = functions.values().stream().map(SamTemplateFile::export).collect(Collectors.toSet());
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
        Map<String, Object> auth = map(sam().get("Api"), "Properties", "Auth");
        assertThat(auth.get("ApiKeyRequired")).isEqualTo(true);
        assertThat(map(auth, "Authorizers", "LaunchpadAuthorizer", "Identity").get("ReauthorizeEvery")).isEqualTo(0);
        assertThat(map(sam().get("Api"), "Properties").get("ApiKeySourceType")).isEqualTo("AUTHORIZER");
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
    void everyFunctionHasAnEventFileForSamLocalInvoke() {
        Path events = Path.of("..", "events").toAbsolutePath().normalize();
        RouteTable.ROUTES.forEach(r -> assertThat(events.resolve("api/" + r.function() + ".json")).exists());
        assertThat(Files.exists(events.resolve("sqs/deploy-command.json"))).isTrue();
        assertThat(Files.exists(events.resolve("authorizer/apiKey.json"))).isTrue();
    }
}
