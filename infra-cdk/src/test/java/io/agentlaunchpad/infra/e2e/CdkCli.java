package io.agentlaunchpad.infra.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AWS CDK CLI pinned in {@code infra-cdk/package.json} (+ lock), installed by {@code npm ci} when absent, and
 * the two command lines the stack test runs with it. Both deploy the cloud assembly the test synthesised
 * ({@code --app <cdk.out>}: the CLI runs no Java) to the region the test reads, never asking a question.
 */
record CdkCli(Path directory, Consumer<String> echo) {

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    /** A first deploy creates ~230 resources (functions, alarms, the API); a destroy removes them again. */
    static final Duration STACK_TIMEOUT = Duration.ofMinutes(45);
    /** The CLI asks nothing and sends no telemetry; no CI detection needed. */
    static final Map<String, String> ENVIRONMENT = Map.of("CDK_DISABLE_CLI_TELEMETRY", "true", "CI", "true");

    /** The CLI in {@code directory}, its output (and npm's) shown on stdout as it comes. */
    CdkCli(Path directory) {
        this(directory, System.out::println);
    }

    Path binary() {
        return directory.resolve("node_modules").resolve(".bin").resolve("cdk");
    }

    boolean installed() {
        return Files.isExecutable(binary());
    }

    List<String> install() {
        return List.of("npm", "ci", "--no-audit", "--no-fund");
    }

    /** Deploys {@code stack}, approving its IAM changes, and writes its outputs to {@code outputsFile}. */
    List<String> deploy(Path assembly, String stack, String region, Path outputsFile) {
        return List.of(binary().toString(), "deploy", "--app", assembly.toString(), "--region", region,
                "--require-approval", "never", "--outputs-file", outputsFile.toString(), "--ci",
                "--progress", "events", "--no-notices", "--no-version-reporting", "--no-color", stack);
    }

    /** Destroys {@code stack} without asking. */
    List<String> destroy(Path assembly, String stack, String region) {
        return List.of(binary().toString(), "destroy", "--app", assembly.toString(), "--region", region,
                "--force", "--no-notices", "--no-version-reporting", "--no-color", stack);
    }

    /** Installs the CLI when absent; the reason it could not, if it could not. */
    Optional<String> ensureInstalled() {
        if (installed()) {
            return Optional.empty();
        }
        ProcessRun run = ProcessRun.run(install(), directory, Map.of(), INSTALL_TIMEOUT, "npm ci", echo);
        if (!run.succeeded()) {
            return Optional.of("no cdk CLI: npm ci in infra-cdk " + (run.timedOut() ? "timed out" : "exited " + run.exitCode())
                    + (run.head().isEmpty() ? "" : " (" + String.join(" / ", run.head().stream().limit(2)
                    .map(String::strip).toList()) + ")"));
        }
        return installed() ? Optional.empty()
                : Optional.of("no cdk CLI: npm ci in infra-cdk succeeded but " + binary() + " is not there");
    }

    ProcessRun run(List<String> command, String label) {
        return ProcessRun.run(command, directory, ENVIRONMENT, STACK_TIMEOUT, label, echo);
    }
}
