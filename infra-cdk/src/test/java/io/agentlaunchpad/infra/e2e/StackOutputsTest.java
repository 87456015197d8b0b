package io.agentlaunchpad.infra.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentlaunchpad.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code cdk deploy --outputs-file}; the synthesised stack's outputs are checked in EphemeralStageTest. */
class StackOutputsTest {

    static final String FILE = """
            {
              "AgentLaunchpad-e2eab12cd34": {
                "HttpApiEndpointDD5D7C73": "https://a1b2c3.execute-api.eu-west-1.amazonaws.com/e2eab12cd34/",
                "ApiUrl": "https://a1b2c3.execute-api.eu-west-1.amazonaws.com/e2eab12cd34/",
                "UsagePlanADMIN": "pl4n01",
                "UsagePlanUSER": "pl4n02",
                "UsagePlanVIEWER": "pl4n03",
                "DeployerRoleArn": "arn:aws:iam::123456789012:role/AgentLaunchpad-e2eab12cd34-DeployerRole-X",
                "ClusterReaderRoleArns": "arn:aws:iam::123456789012:role/R1,arn:aws:iam::123456789012:role/R2",
                "BootstrapFirstAdmin": "LAUNCHPAD_TABLES_PREFIX=launchpad-e2eab12cd34- LAUNCHPAD_USAGE_PLANS_ADAPTER=aws LAUNCHPAD_USAGE_PLANS_ADMIN_PLAN_ID=pl4n01 ./mvnw -q -pl shared exec:java -Dexec.mainClass=io.agentlaunchpad.keys.dynamodb.BootstrapAdmin -Dexec.classpathScope=compile -Dexec.args='admin admin@yourdomain.com'"
              }
            }
            """;

    @TempDir
    Path dir;

    StackOutputs outputs() throws IOException {
        Path file = dir.resolve("outputs.json");
        Files.writeString(file, FILE);
        return StackOutputs.read(file, "AgentLaunchpad-e2eab12cd34");
    }

    @Test
    void theApiTheRolesAndThePlans() throws IOException {
        StackOutputs outputs = outputs();
        assertThat(outputs.apiUrl()).isEqualTo("https://a1b2c3.execute-api.eu-west-1.amazonaws.com/e2eab12cd34/");
        assertThat(outputs.usagePlan(Role.ADMIN)).isEqualTo("pl4n01");
        assertThat(outputs.deployerRoleArn()).endsWith(":role/AgentLaunchpad-e2eab12cd34-DeployerRole-X");
        assertThat(outputs.clusterReaderRoleArns()).containsExactly("arn:aws:iam::123456789012:role/R1",
                "arn:aws:iam::123456789012:role/R2");
    }

    @Test
    void theFirstAdminCommandsEnvironment_andTheSettingsItMakes() throws IOException {
        Map<String, String> env = outputs().bootstrapEnvironment();
        assertThat(env).containsExactly(
                Map.entry("LAUNCHPAD_TABLES_PREFIX", "launchpad-e2eab12cd34-"),
                Map.entry("LAUNCHPAD_USAGE_PLANS_ADAPTER", "aws"),
                Map.entry("LAUNCHPAD_USAGE_PLANS_ADMIN_PLAN_ID", "pl4n01"));
        var config = FirstAdmin.config(env);
        assertThat(config.tables().prefix()).isEqualTo("launchpad-e2eab12cd34-");
        assertThat(config.usagePlans().adapter()).isEqualTo("aws");
        assertThat(config.usagePlans().adminPlanId()).contains("pl4n01");
    }

    @Test
    void anotherStacksFile_isRefusedNamingWhatItHas() throws IOException {
        Path file = dir.resolve("outputs.json");
        Files.writeString(file, FILE);
        assertThatThrownBy(() -> StackOutputs.read(file, "AgentLaunchpad-e2eother"))
                .hasMessageContaining("has no outputs of stack AgentLaunchpad-e2eother (it has [AgentLaunchpad-e2eab12cd34])");
    }

    @Test
    void aMissingOutput_isRefusedByName() throws IOException {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(FILE);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("AgentLaunchpad-e2eab12cd34")).remove("DeployerRoleArn");
        assertThatThrownBy(() -> StackOutputs.parse(root, "AgentLaunchpad-e2eab12cd34", "outputs.json"))
                .hasMessage("outputs.json: stack AgentLaunchpad-e2eab12cd34 has no output DeployerRoleArn");
    }

    @Test
    void anEmptyFile_isRefused() {
        assertThatThrownBy(() -> StackOutputs.parse(new ObjectMapper().createObjectNode(), "AgentLaunchpad-x", "f"))
                .hasMessage("f has no outputs of stack AgentLaunchpad-x (it has [])");
    }
}
