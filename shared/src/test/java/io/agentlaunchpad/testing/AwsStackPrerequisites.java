package io.agentlaunchpad.testing;

import io.agentlaunchpad.scan.ImagesConfig;
import io.smallrye.config.WithDefault;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What infra-cdk's stack end-to-end test (JUnit tag {@value #TAG}; only {@code -Paws-e2e} runs it) needs on top of
 * the caller's AWS account: an EKS cluster to deploy agents on, an ECR repository holding the agent image, and the
 * AWS CDK CLI (pinned in {@code infra-cdk/package-lock.json}, installed with {@code npm ci} when absent). Each one
 * missing is a one-line reason the test is reported SKIPPED with, never passed; the first missing one is given.
 */
public record AwsStackPrerequisites(Map<String, String> env, Path home, Path repoRoot, Predicate<String> onPath) {

    /** The JUnit tag of the stack end-to-end test. */
    public static final String TAG = "aws-stack";
    /** The name of an existing EKS cluster in AWS_REGION. */
    public static final String CLUSTER = "LAUNCHPAD_E2E_EKS_CLUSTER";
    /** An existing ECR repository in AWS_REGION holding the agent image at the deployer's default tag. */
    public static final String REPOSITORY = "LAUNCHPAD_E2E_ECR_REPOSITORY";
    /** Optional: the agents' wildcard domain (the stack's agentsDomain); the stack's default otherwise. */
    public static final String AGENTS_DOMAIN = "LAUNCHPAD_E2E_AGENTS_DOMAIN";
    /** Set (true) by infra-cdk's aws-e2e profile: the module runs the stack test, so the banner reports on it. */
    public static final String RUNS_HERE = "test.aws.stack";

    public static AwsStackPrerequisites current() {
        return new AwsStackPrerequisites(System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize(),
                AwsStackPrerequisites::onSystemPath);
    }

    /** The first prerequisite missing, as the one-line reason the stack test is skipped with. */
    public Optional<String> missing() {
        Optional<String> account = TestBackend.awsMissing(env, home);
        if (account.isPresent()) {
            return account;
        }
        if (blank(CLUSTER)) {
            return Optional.of("no EKS cluster: set " + CLUSTER + " to the name of an existing cluster in "
                    + region() + " (access entries enabled, an ingress controller, metrics-server)");
        }
        if (blank(REPOSITORY)) {
            return Optional.of("no agent image: set " + REPOSITORY + " to an ECR repository in " + region()
                    + " holding the ElizaOS agent image at tag " + imageTag() + " (launchpad.images.default-tag)");
        }
        if (!Files.isExecutable(cdkBinary())) {
            if (!Files.isRegularFile(cdkDirectory().resolve("package-lock.json"))) {
                return Optional.of("no cdk CLI: " + repoRoot.relativize(cdkBinary()) + " is absent and "
                        + repoRoot.relativize(cdkDirectory().resolve("package-lock.json")) + ", which pins it, is missing");
            }
            if (!onPath.test("npm")) {
                return Optional.of("no cdk CLI: " + repoRoot.relativize(cdkBinary())
                        + " is absent and npm, which installs it (npm ci in infra-cdk), is not on the PATH");
            }
        }
        return Optional.empty();
    }

    /** The banner line about the stack test, before it runs. */
    public String banner() {
        return missing().map(reason -> "aws-e2e stack: SKIPPED - " + reason
                        + " - the CDK stack was not deployed, nothing was proved on EKS")
                .orElseGet(() -> "aws-e2e stack: RUNS - deploys a throw-away infra-cdk stage to " + region()
                        + " with EKS cluster " + cluster() + " and destroys it after; a last '[test backend] aws-e2e stack:' line says how it ended");
    }

    public String cluster() {
        return env.get(CLUSTER);
    }

    public String repository() {
        return env.get(REPOSITORY);
    }

    public Optional<String> agentsDomain() {
        return blank(AGENTS_DOMAIN) ? Optional.empty() : Optional.of(env.get(AGENTS_DOMAIN).trim());
    }

    public String region() {
        String region = env.get("AWS_REGION");
        return region != null ? region : env.getOrDefault("AWS_DEFAULT_REGION", "AWS_REGION");
    }

    /** Where {@code package.json} pins the CDK CLI and {@code npm ci} installs it. */
    public Path cdkDirectory() {
        return repoRoot.resolve("infra-cdk");
    }

    public Path cdkBinary() {
        return cdkDirectory().resolve("node_modules").resolve(".bin").resolve("cdk");
    }

    /** The tag the deployer deploys for a plugin set the catalogue does not name ({@link ImagesConfig}'s default). */
    public static String imageTag() {
        try {
            return ImagesConfig.class.getMethod("defaultTag").getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean blank(String name) {
        String value = env.get(name);
        return value == null || value.isBlank();
    }

    static boolean onSystemPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
