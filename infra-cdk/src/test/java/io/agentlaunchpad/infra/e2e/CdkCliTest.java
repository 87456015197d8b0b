package io.agentlaunchpad.infra.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command lines the stack test runs, and where the CLI comes from; nothing here reaches AWS or a registry. */
class CdkCliTest {

    @TempDir
    Path infra;

    @Test
    void deployTheSynthesisedAssemblyWithoutQuestions_writingTheOutputs() {
        CdkCli cdk = new CdkCli(infra);
        assertThat(cdk.deploy(Path.of("/w/infra-cdk/target/e2e/e2eabc/cdk.out"), "AgentLaunchpad-e2eabc", "eu-west-1",
                Path.of("/w/infra-cdk/target/e2e/e2eabc/outputs.json"))).containsExactly(
                infra.resolve("node_modules/.bin/cdk").toString(), "deploy",
                "--app", "/w/infra-cdk/target/e2e/e2eabc/cdk.out",
                "--region", "eu-west-1",
                "--require-approval", "never",
                "--outputs-file", "/w/infra-cdk/target/e2e/e2eabc/outputs.json",
                "--ci", "--progress", "events", "--no-notices", "--no-version-reporting", "--no-color",
                "AgentLaunchpad-e2eabc");
    }

    @Test
    void destroyTheSameStackOfTheSameAssemblyWithoutConfirmation() {
        CdkCli cdk = new CdkCli(infra);
        List<String> destroy = cdk.destroy(Path.of("/w/cdk.out"), "AgentLaunchpad-e2eabc", "eu-west-1");
        assertThat(destroy).containsExactly(infra.resolve("node_modules/.bin/cdk").toString(), "destroy",
                "--app", "/w/cdk.out", "--region", "eu-west-1", "--force", "--no-notices", "--no-version-reporting",
                "--no-color", "AgentLaunchpad-e2eabc");
        // One stack, named: never --all.
        assertThat(destroy).doesNotContain("--all").last().isEqualTo("AgentLaunchpad-e2eabc");
    }

    @Test
    void theCliIsTheOnePinnedInInfraCdk_installedWithNpmCi() throws IOException {
        Path real = Path.of(System.getProperty("repo.root", "..")).resolve("infra-cdk").toAbsolutePath().normalize();
        String packageJson = Files.readString(real.resolve("package.json"));
        String lock = Files.readString(real.resolve("package-lock.json"));
        assertThat(packageJson).containsPattern("\"aws-cdk\": \"2\\.\\d+\\.\\d+\"");
        String version = packageJson.replaceAll("(?s).*\"aws-cdk\": \"([^\"]+)\".*", "$1");
        assertThat(lock).contains("\"node_modules/aws-cdk\": {\n      \"version\": \"" + version + "\"");
        assertThat(new CdkCli(infra).install()).containsExactly("npm", "ci", "--no-audit", "--no-fund");
    }

    @Test
    void anInstalledCliIsUsedAsItIs() throws IOException {
        Path cdk = infra.resolve("node_modules/.bin/cdk");
        Files.createDirectories(cdk.getParent());
        Files.createFile(cdk, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(new CdkCli(infra).ensureInstalled()).isEmpty();
    }

    @Test
    void aCliThatCannotBeInstalled_isAReasonToSkip_notAFailure() throws IOException {
        // A package.json without its lock: npm ci refuses at once, here, without the network.
        Files.writeString(infra.resolve("package.json"), "{\"name\": \"no-lock\", \"private\": true}");
        List<String> shown = new java.util.ArrayList<>();
        assertThat(new CdkCli(infra, shown::add).ensureInstalled()).hasValueSatisfying(reason -> assertThat(reason)
                .matches("no cdk CLI: npm ci in infra-cdk exited -?[1-9]\\d* \\(.+\\)"));
        assertThat(shown).allMatch(line -> line.startsWith("[npm ci] "));
    }
}
