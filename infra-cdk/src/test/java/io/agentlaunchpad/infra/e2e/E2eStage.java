package io.agentlaunchpad.infra.e2e;

import io.agentlaunchpad.infra.LaunchpadApp;
import io.agentlaunchpad.testing.AwsStackPrerequisites;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's throw-away stage: a unique name (so runs and real stages share an account), the CDK context it is
 * synthesised with, and where its cloud assembly and outputs go ({@code infra-cdk/target/e2e/<stage>/}).
 */
record E2eStage(String stage, Path directory) {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** {@code e2e} and 8 random [a-z0-9]: fits every name the stack derives from it (functions, tables, the API). */
    static E2eStage random(Path parent) {
        SecureRandom random = new SecureRandom();
        StringBuilder name = new StringBuilder("e2e");
        for (int i = 0; i < 8; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new E2eStage(name.toString(), parent.resolve(name.toString()));
    }

    String stackName() {
        return LaunchpadApp.stackName(stage);
    }

    Path assembly() {
        return directory.resolve("cdk.out");
    }

    Path outputsFile() {
        return directory.resolve("outputs.json");
    }

    /** The first admin's username; its owner namespace on the cluster is this run's alone. */
    String adminUsername() {
        return "e2e-admin-" + stage;
    }

    /**
     * The stack's context: this stage, ephemeral (destroy removes everything, data included), on the given cluster,
     * with the existing image repository (the stack neither creates nor deletes it), in the runtime the built
     * artifacts are for.
     */
    Map<String, Object> context(AwsStackPrerequisites prerequisites, Path functionsDirectory, boolean nativeRuntime) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stage", stage);
        context.put("ephemeral", "true");
        context.put("eksClusterName", prerequisites.cluster().trim());
        context.put("ecrRepository", prerequisites.repository().trim());
        context.put("ecrRepositoryExists", "true");
        context.put("runtime", nativeRuntime ? "native" : "jvm");
        context.put("functionsDirectory", functionsDirectory.toAbsolutePath().normalize().toString());
        prerequisites.agentsDomain().ifPresent(domain -> context.put("agentsDomain", domain));
        return context;
    }
}
