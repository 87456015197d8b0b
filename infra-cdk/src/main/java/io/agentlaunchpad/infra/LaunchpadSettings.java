package io.agentlaunchpad.infra;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.limits.Limits;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.constructs.Node;

import java.util.HashMap;
import java.util.Map;

/**
 * What differs between deployments, read from CDK context ({@code -c stage=prod} or {@code cdk.json}), each with a
 * default that synthesises offline. The usage plan tiers are not a second copy: {@link Limits} is built from the
 * same {@link LaunchpadConfig} mapping the functions read ({@code launchpad.usage-plans.*} defaults), and context
 * keys {@code usagePlans.admin|user|viewer} (e.g. {@code rate=50,burst=100,quota=100000}) override them.
 *
 * <p>Two keys serve stages that share an account with others or live only for a test run:
 * {@code ecrRepositoryExists=true} uses the repository {@code ecrRepository} as it is (created, and filled with the
 * agent images, outside this stack) instead of creating it; {@code ephemeral=true} makes a throw-away stage whose
 * {@code cdk destroy} removes everything it made, data included (see {@link LaunchpadStack}).
 */
public record LaunchpadSettings(
        String stage,
        String eksClusterName,
        String agentsDomain,
        String ecrRepositoryName,
        boolean ecrRepositoryExists,
        String alarmEmail,
        boolean nativeRuntime,
        String functionsDirectory,
        Limits limits,
        Map<String, String> jwt,
        boolean ephemeral) {

    public static LaunchpadSettings from(Node node) {
        Map<String, String> overrides = new HashMap<>();
        for (String tier : new String[]{"admin", "user", "viewer"}) {
            Object value = node.tryGetContext("usagePlans." + tier);
            if (value != null && !value.toString().isBlank()) {
                overrides.put("launchpad.usage-plans." + tier, value.toString());
            }
        }
        return new LaunchpadSettings(
                text(node, "stage", "dev"),
                text(node, "eksClusterName", "agents"),
                text(node, "agentsDomain", "agents.example.com"),
                text(node, "ecrRepository", "elizaos-agent"),
                flag(node, "ecrRepositoryExists"),
                text(node, "alarmEmail", ""),
                !"jvm".equals(text(node, "runtime", "native")),
                text(node, "functionsDirectory", "../functions"),
                new Limits(launchpadConfig(overrides)),
                jwt(node),
                flag(node, "ephemeral"));
    }

    /** The functions' own configuration mapping with its defaults; settings only the functions need are stubbed. */
    static LaunchpadConfig launchpadConfig(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(overrides, "cdk-context", 500))
                .withMapping(LaunchpadConfig.class)
                .withDefaultValue("launchpad.queue.deploy-url", "set-by-the-stack")
                .build()
                .getConfigMapping(LaunchpadConfig.class);
    }

    /** The authorizer's token settings (context jwtIssuer, jwtAudience, jwtPublicKeyLocation), as its env names. */
    private static Map<String, String> jwt(Node node) {
        Map<String, String> env = new java.util.TreeMap<>();
        String issuer = text(node, "jwtIssuer", "");
        String audience = text(node, "jwtAudience", "");
        String keyLocation = text(node, "jwtPublicKeyLocation", "");
        if (!issuer.isEmpty()) {
            env.put("LAUNCHPAD_JWT_ISSUER", issuer);
        }
        if (!audience.isEmpty()) {
            env.put("LAUNCHPAD_JWT_AUDIENCE", audience);
        }
        if (!keyLocation.isEmpty()) {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keyLocation);
        }
        return Map.copyOf(env);
    }

    private static String text(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** A true/false context key, false when absent; anything else is refused rather than read as false. */
    private static boolean flag(Node node, String key) {
        String value = text(node, key, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("context " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Resource names carry the stage so that several stages live side by side in one account. */
    public String prefix() {
        return "launchpad-" + stage + "-";
    }
}
