package io.agentlaunchpad.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The backend the integration tests run against, chosen with {@code -Dtest.backend} (set by the Maven profiles
 * {@code localstack} and {@code aws-e2e}); the test classes are the same for all three.
 */
public enum TestBackend {

    /** dynalite + ElasticMQ (+ the fabric8 mock server and protocol stubs): what CI runs, no Docker, no account. */
    EMULATORS("emulators: dynalite (Node child process) for DynamoDB, ElasticMQ (embedded) for SQS"),
    /** LocalStack's community image through Testcontainers, where a Docker engine exists. */
    LOCALSTACK("localstack: DynamoDB and SQS in LocalStack (Testcontainers); ECR, KMS and API Gateway management stay on the protocol stubs, which LocalStack's free edition lacks"),
    /**
     * A real AWS account reached with the caller's credentials; tables and queues under a throw-away prefix. In
     * infra-cdk it also deploys the whole stack and drives an EKS cluster ({@link AwsStackPrerequisites}).
     */
    AWS("aws-e2e: real DynamoDB and SQS in the caller's AWS account (AWS_REGION), removed after the run");

    private final String description;

    TestBackend(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static TestBackend current() {
        String chosen = System.getProperty("test.backend", "emulators").trim().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "", "emulators" -> EMULATORS;
            case "localstack" -> LOCALSTACK;
            case "aws", "aws-e2e" -> AWS;
            default -> throw new IllegalArgumentException("-Dtest.backend=" + chosen
                    + " is not one of emulators, localstack, aws");
        };
    }

    /**
     * Why this backend cannot run here, if it cannot. AWS credentials are looked for in the environment and the
     * shared config files only: no call goes to an instance metadata endpoint.
     */
    public Optional<String> unavailableReason() {
        return this == AWS ? awsMissing(System.getenv(), Path.of(System.getProperty("user.home")))
                .map(cause -> "aws-e2e: " + cause + " - every test is SKIPPED, nothing was proved against AWS")
                : Optional.empty();
    }

    /**
     * What keeps the caller's AWS account out of reach with {@code env} and the home directory {@code home}
     * (credentials, region), if anything.
     */
    static Optional<String> awsMissing(Map<String, String> env, Path home) {
        boolean fromEnv = env.get("AWS_ACCESS_KEY_ID") != null || env.get("AWS_PROFILE") != null
                || env.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null
                || env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null;
        Path aws = home.resolve(".aws");
        boolean files = Files.isRegularFile(aws.resolve("credentials")) || Files.isRegularFile(aws.resolve("config"));
        if (!fromEnv && !files) {
            return Optional.of("no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID or ~/.aws)");
        }
        if (env.get("AWS_REGION") == null && env.get("AWS_DEFAULT_REGION") == null) {
            return Optional.of("AWS_REGION is not set");
        }
        return Optional.empty();
    }

    BackendServices start() {
        return switch (this) {
            case EMULATORS -> EmulatorServices.start();
            case LOCALSTACK -> LocalStackServices.start();
            case AWS -> AwsServices.start();
        };
    }
}
