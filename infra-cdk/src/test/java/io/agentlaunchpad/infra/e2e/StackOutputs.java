package io.agentlaunchpad.infra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentlaunchpad.access.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's outputs as {@code cdk deploy --outputs-file} writes them ({@code {"<stack>": {"<output>": "<value>"}}}):
 * what the stack test reads from the deployed stage instead of guessing names.
 */
record StackOutputs(String stackName, Map<String, String> values) {

    /** The outputs the test uses; a deploy whose file lacks one of them is refused before anything else. */
    static final List<String> REQUIRED = List.of("ApiUrl", "UsagePlanADMIN", "DeployerRoleArn", "ClusterReaderRoleArns",
            "BootstrapFirstAdmin");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z][A-Z0-9_]*)=(\\S*)");

    static StackOutputs read(Path file, String stackName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outputs file " + file, e);
        }
        return parse(root, stackName, file.toString());
    }

    static StackOutputs parse(JsonNode root, String stackName, String source) {
        JsonNode stack = root == null ? null : root.get(stackName);
        if (stack == null || !stack.isObject()) {
            List<String> stacks = root == null ? List.of() : iterable(root.fieldNames());
            throw new IllegalStateException(source + " has no outputs of stack " + stackName + " (it has " + stacks + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        stack.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        List<String> missing = REQUIRED.stream().filter(k -> values.getOrDefault(k, "").isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(source + ": stack " + stackName + " has no output " + String.join(", ", missing));
        }
        return new StackOutputs(stackName, Map.copyOf(values));
    }

    /** The API's base URL, the stage path included ({@code https://<id>.execute-api.<region>.amazonaws.com/<stage>/}). */
    String apiUrl() {
        return values.get("ApiUrl");
    }

    String usagePlan(Role role) {
        return values.get("UsagePlan" + role.name());
    }

    String deployerRoleArn() {
        return values.get("DeployerRoleArn");
    }

    List<String> clusterReaderRoleArns() {
        return Arrays.stream(values.get("ClusterReaderRoleArns").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The roles of the messages routes; none from a stack that predates them. */
    List<String> clusterMessengerRoleArns() {
        return Arrays.stream(values.getOrDefault("ClusterMessengerRoleArns", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The environment the {@code BootstrapFirstAdmin} output sets before its command
     * ({@code LAUNCHPAD_TABLES_PREFIX=... LAUNCHPAD_USAGE_PLANS_ADAPTER=aws ... ./mvnw ...}): the same settings the
     * operator's first-admin command runs with.
     */
    Map<String, String> bootstrapEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String token : values.get("BootstrapFirstAdmin").trim().split("\\s+")) {
            Matcher m = ASSIGNMENT.matcher(token);
            if (!m.matches()) {
                break;
            }
            env.put(m.group(1), m.group(2));
        }
        if (!env.containsKey("LAUNCHPAD_TABLES_PREFIX")) {
            throw new IllegalStateException("output BootstrapFirstAdmin sets no LAUNCHPAD_TABLES_PREFIX: "
                    + values.get("BootstrapFirstAdmin"));
        }
        return env;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
