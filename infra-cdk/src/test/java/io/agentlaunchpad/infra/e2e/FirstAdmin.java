package io.agentlaunchpad.infra.e2e;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.keys.dynamodb.BootstrapAdmin;
import io.agentlaunchpad.keys.KeyViews;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The README's "first admin" step against the deployed stage: {@link BootstrapAdmin#run} with the caller's
 * credentials and exactly the settings the stack's {@code BootstrapFirstAdmin} output gives the operator's command
 * (tables prefix, usage plans on API Gateway, the ADMIN plan id). The key itself is never printed.
 */
final class FirstAdmin {

    private FirstAdmin() {
    }

    /** The platform settings of the output's environment, the rest at their defaults (as BootstrapAdmin's main). */
    static LaunchpadConfig config(Map<String, String> bootstrapEnvironment) {
        return new SmallRyeConfigBuilder()
                .addDiscoveredConverters()
                .withSources(new EnvConfigSource(bootstrapEnvironment, 300))
                .withMapping(LaunchpadConfig.class)
                .withDefaultValue("launchpad.queue.deploy-url", "unused-by-bootstrap")
                .withDefaultValue("launchpad.sealing.key", "unused-by-bootstrap")
                .build()
                .getConfigMapping(LaunchpadConfig.class);
    }

    static KeyViews.Created create(DynamoDbClient dynamo, Map<String, String> bootstrapEnvironment, String username) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KeyViews.Created created = BootstrapAdmin.run(dynamo, config(bootstrapEnvironment), username,
                username + "@e2e.invalid", new PrintStream(printed, true, StandardCharsets.UTF_8));
        String shown = printed.toString(StandardCharsets.UTF_8).replace(created.apiKey(), "<the key, not shown>");
        System.out.print(shown.indent(2));
        return created;
    }

    /**
     * Deletes the key's API Gateway registration (named by its key id): it is not part of the stack, so it would
     * outlive it. Answers how many it deleted.
     */
    static int removeRegistration(ApiGatewayClient apiGateway, String keyId) {
        List<ApiKey> keys = apiGateway.getApiKeys(b -> b.nameQuery(keyId).limit(500)).items();
        int removed = 0;
        for (ApiKey key : keys) {
            if (keyId.equals(key.name())) {
                apiGateway.deleteApiKey(b -> b.apiKey(key.id()));
                removed++;
            }
        }
        return removed;
    }
}
