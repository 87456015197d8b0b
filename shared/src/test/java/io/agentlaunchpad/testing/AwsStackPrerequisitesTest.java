package io.agentlaunchpad.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack end-to-end test's prerequisites, one missing at a time: each gives its own one-line reason (and so a
 * SKIPPED test, see BackendConditionTest), the first missing one wins, and nothing missing means it runs.
 */
class AwsStackPrerequisitesTest {

    @TempDir
    Path home;
    @TempDir
    Path repo;
    Map<String, String> env;
    boolean npmOnPath;

    @BeforeEach
    void everythingPresent() throws IOException {
        env = new HashMap<>(Map.of(
                "AWS_PROFILE", "e2e",
                "AWS_REGION", "eu-west-1",
                AwsStackPrerequisites.CLUSTER, "agents",
                AwsStackPrerequisites.REPOSITORY, "elizaos-agent"));
        Files.createDirectories(repo.resolve("infra-cdk"));
        Files.writeString(repo.resolve("infra-cdk/package-lock.json"), "{}");
        npmOnPath = true;
    }

    AwsStackPrerequisites prerequisites() {
        return new AwsStackPrerequisites(env, home, repo, exe -> exe.equals("npm") && npmOnPath);
    }

    @Test
    void nothingMissing_theStackTestRuns_andTheBannerSaysWhereTo() {
        assertThat(prerequisites().missing()).isEmpty();
        assertThat(prerequisites().banner())
                .startsWith("aws-e2e stack: RUNS - deploys a throw-away infra-cdk stage to eu-west-1 with EKS cluster agents");
    }

    @Test
    void noCredentials() {
        env.remove("AWS_PROFILE");
        assertThat(prerequisites().missing()).contains("no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID or ~/.aws)");
        assertThat(prerequisites().banner()).isEqualTo("aws-e2e stack: SKIPPED - no AWS credentials (AWS_PROFILE, "
                + "AWS_ACCESS_KEY_ID or ~/.aws) - the CDK stack was not deployed, nothing was proved on EKS");
    }

    @Test
    void credentialsFromTheSharedFilesCount() throws IOException {
        env.remove("AWS_PROFILE");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\n");
        assertThat(prerequisites().missing()).isEmpty();
    }

    @Test
    void noRegion() {
        env.remove("AWS_REGION");
        assertThat(prerequisites().missing()).contains("AWS_REGION is not set");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        assertThat(prerequisites().missing()).isEmpty();
    }

    @Test
    void noClusterName() {
        env.put(AwsStackPrerequisites.CLUSTER, " ");
        assertThat(prerequisites().missing()).contains("no EKS cluster: set LAUNCHPAD_E2E_EKS_CLUSTER to the name of an "
                + "existing cluster in eu-west-1 (access entries enabled, an ingress controller, metrics-server)");
    }

    @Test
    void noImageRepository_namesTheTagTheDeployerWillLookFor() {
        env.remove(AwsStackPrerequisites.REPOSITORY);
        assertThat(prerequisites().missing().orElseThrow())
                .isEqualTo("no agent image: set LAUNCHPAD_E2E_ECR_REPOSITORY to an ECR repository in eu-west-1 holding "
                        + "the ElizaOS agent image at tag " + AwsStackPrerequisites.imageTag()
                        + " (launchpad.images.default-tag)");
        assertThat(AwsStackPrerequisites.imageTag()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void noCdkCli_whenNpmCannotInstallIt() {
        npmOnPath = false;
        assertThat(prerequisites().missing()).contains("no cdk CLI: infra-cdk/node_modules/.bin/cdk is absent and npm, "
                + "which installs it (npm ci in infra-cdk), is not on the PATH");
    }

    @Test
    void noCdkCli_whenNothingPinsIt() throws IOException {
        Files.delete(repo.resolve("infra-cdk/package-lock.json"));
        assertThat(prerequisites().missing()).contains("no cdk CLI: infra-cdk/node_modules/.bin/cdk is absent and "
                + "infra-cdk/package-lock.json, which pins it, is missing");
    }

    @Test
    void anInstalledCdkCliNeedsNoNpm() throws IOException {
        npmOnPath = false;
        Path cdk = repo.resolve("infra-cdk/node_modules/.bin/cdk");
        Files.createDirectories(cdk.getParent());
        Files.createFile(cdk, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(prerequisites().missing()).isEmpty();
    }

    @Test
    void theFirstMissingOneIsGiven() {
        env.remove(AwsStackPrerequisites.CLUSTER);
        env.remove(AwsStackPrerequisites.REPOSITORY);
        npmOnPath = false;
        assertThat(prerequisites().missing()).map(r -> r.substring(0, r.indexOf(':'))).isEqualTo(Optional.of("no EKS cluster"));
    }
}
