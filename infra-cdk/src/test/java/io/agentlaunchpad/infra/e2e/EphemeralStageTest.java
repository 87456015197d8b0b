package io.agentlaunchpad.infra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.infra.LaunchpadApp;
import io.agentlaunchpad.testing.AwsStackPrerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage the stack test deploys, synthesised here from the context it composes (offline, from this build's
 * function.zip files): a destroy removes all of it, it uses the existing image repository without owning it, its
 * access entries name the groups the RBAC files bind, and its outputs are what the test reads.
 */
class EphemeralStageTest {

    static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path work;
    static E2eStage stage;
    static JsonNode template;
    static JsonNode resources;

    @BeforeAll
    static void synth() throws IOException {
        stage = E2eStage.random(work);
        AwsStackPrerequisites prerequisites = new AwsStackPrerequisites(Map.of(
                "AWS_PROFILE", "e2e", "AWS_REGION", "eu-west-1",
                AwsStackPrerequisites.CLUSTER, "agents-e2e",
                AwsStackPrerequisites.REPOSITORY, "elizaos-agent-e2e"), work, REPO, exe -> true);
        FunctionArtifacts artifacts = new FunctionArtifacts(REPO.resolve("functions"));
        String name = LaunchpadApp.synth(stage.context(prerequisites, REPO.resolve("functions"), artifacts.nativeRuntime()),
                stage.assembly().toString());
        assertThat(name).isEqualTo(stage.stackName());
        template = new ObjectMapper().readTree(stage.assembly().resolve(name + ".template.json").toFile());
        resources = template.get("Resources");
    }

    static List<JsonNode> ofType(String type) {
        return StreamSupport.stream(resources.spliterator(), false)
                .filter(r -> type.equals(r.get("Type").asText())).toList();
    }

    /** A template value with its intrinsic functions replaced by stand-ins: Ref X → ref-X, GetAtt X.Arn → arn-X. */
    static String resolve(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return "ref-" + value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            return "arn-" + value.get("Fn::GetAtt").get(0).asText();
        }
        if (value.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            JsonNode parts = value.get("Fn::Join").get(1);
            for (int i = 0; i < parts.size(); i++) {
                joined.append(i == 0 ? "" : value.get("Fn::Join").get(0).asText()).append(resolve(parts.get(i)));
            }
            return joined.toString();
        }
        throw new IllegalArgumentException("no stand-in for " + value);
    }

    /** The outputs file cdk deploy would write for this template, with stand-ins for the deployed ids. */
    static StackOutputs outputs() {
        ObjectNode file = new ObjectMapper().createObjectNode();
        ObjectNode stack = file.putObject(stage.stackName());
        template.get("Outputs").fields().forEachRemaining(e -> stack.put(e.getKey(), resolve(e.getValue().get("Value"))));
        return StackOutputs.parse(file, stage.stackName(), "outputs.json");
    }

    @Test
    void theStageNameFitsEveryNameDerivedFromIt() {
        assertThat(stage.stage()).matches("e2e[a-z0-9]{8}");
        assertThat(E2eStage.random(work).stage()).isNotEqualTo(stage.stage());
        assertThat(stage.stackName()).isEqualTo("AgentLaunchpad-" + stage.stage());
        assertThat(ofType("AWS::Lambda::Function")).allSatisfy(f -> assertThat(
                f.get("Properties").get("FunctionName").asText()).startsWith("launchpad-" + stage.stage() + "-")
                .hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void aDestroyRemovesEverything_dataIncluded() {
        resources.fields().forEachRemaining(e -> {
            assertThat(e.getValue().path("DeletionPolicy").asText("Delete")).as(e.getKey()).isEqualTo("Delete");
            assertThat(e.getValue().path("UpdateReplacePolicy").asText("Delete")).as(e.getKey()).isEqualTo("Delete");
        });
        assertThat(ofType("AWS::DynamoDB::Table")).isNotEmpty().allSatisfy(t ->
                assertThat(t.get("Properties").get("DeletionProtectionEnabled").asBoolean()).isFalse());
        assertThat(ofType("AWS::KMS::Key")).singleElement().satisfies(k ->
                assertThat(k.get("Properties").get("PendingWindowInDays").asInt()).isEqualTo(7));
        assertThat(ofType("AWS::Logs::LogGroup")).isNotEmpty();
    }

    @Test
    void theAccountsApiGatewayLoggingRoleIsLeftAlone() {
        assertThat(ofType("AWS::ApiGateway::Account")).isEmpty();
        assertThat(ofType("AWS::IAM::Role")).noneMatch(r -> r.toString().contains("apigateway.amazonaws.com"));
        assertThat(ofType("AWS::ApiGateway::Stage")).singleElement().satisfies(s ->
                assertThat(s.get("Properties").has("AccessLogSetting")).isFalse());
    }

    @Test
    void theImageRepositoryIsTheExistingOne_neitherCreatedNorDeleted() {
        assertThat(ofType("AWS::ECR::Repository")).isEmpty();
        JsonNode deploy = ofType("AWS::Lambda::Function").stream()
                .filter(f -> f.get("Properties").get("FunctionName").asText().endsWith("-deploy")).findFirst().orElseThrow();
        assertThat(deploy.get("Properties").get("Environment").get("Variables").get("LAUNCHPAD_IMAGES_DEFAULT_REPOSITORY")
                .asText()).isEqualTo("elizaos-agent-e2e");
        assertThat(ofType("AWS::IAM::Policy").toString()).contains(":repository/elizaos-agent-e2e");
    }

    @Test
    void accessEntriesNameTheGroupsTheRbacFilesBind_forTheRolesTheOutputsGive() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (JsonNode entry : ofType("AWS::EKS::AccessEntry")) {
            JsonNode properties = entry.get("Properties");
            assertThat(properties.get("ClusterName").asText()).isEqualTo("agents-e2e");
            assertThat(properties.get("KubernetesGroups")).hasSize(1);
            entries.put(resolve(properties.get("PrincipalArn")), properties.get("KubernetesGroups").get(0).asText());
        }
        assertThat(E2eCluster.expectedAccessEntries(outputs(), ClusterRbac.load(REPO.resolve("infra-cdk/k8s"))))
                .isEqualTo(entries);
    }

    @Test
    void theOutputsAreWhatTheTestReads_andTheFirstAdminGoesToThisStagesTablesAndPlan() {
        StackOutputs outputs = outputs();
        assertThat(outputs.values()).containsKeys(StackOutputs.REQUIRED.toArray(String[]::new));
        LaunchpadConfig config = FirstAdmin.config(outputs.bootstrapEnvironment());
        assertThat(config.tables().prefix()).isEqualTo("launchpad-" + stage.stage() + "-");
        assertThat(config.usagePlans().adapter()).isEqualTo("aws");
        assertThat(config.usagePlans().adminPlanId()).contains(outputs.usagePlan(io.agentlaunchpad.access.Role.ADMIN));
        Set<String> tables = new HashSet<>();
        ofType("AWS::DynamoDB::Table").forEach(t -> tables.add(t.get("Properties").get("TableName").asText()));
        assertThat(tables).allMatch(t -> t.startsWith(config.tables().prefix()));
    }

    @Test
    void theAssemblyIsOneTheCliDeploysAsItIs() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(stage.assembly().resolve("manifest.json").toFile());
        assertThat(manifest.get("artifacts").has(stage.stackName())).isTrue();
        assertThat(Files.list(stage.assembly()).map(p -> p.getFileName().toString()))
                .anyMatch(f -> f.startsWith("asset.") && f.endsWith(".zip"));
    }
}
