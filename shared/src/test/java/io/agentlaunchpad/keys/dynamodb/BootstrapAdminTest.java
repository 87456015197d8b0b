package io.agentlaunchpad.keys.dynamodb;

import io.agentlaunchpad.keys.ApiKeys;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.testing.BackendsExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS-credentials bootstrap of the first admin, against dynalite. */
class BootstrapAdminTest {

    @RegisterExtension
    static final BackendsExtension backends = new BackendsExtension();

    @Test
    void bootstrap_mintsAnAdminKeyStoredOnlyAsAHashAndPrintsItOnce() {
        LaunchpadConfig config = new SmallRyeConfigBuilder().withMapping(LaunchpadConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "launchpad.tables.prefix", backends.prefix(),
                        "launchpad.queue.deploy-url", "unused",
                        "launchpad.sealing.key", "unused"), "test", 500))
                .build().getConfigMapping(LaunchpadConfig.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        KeyViews.Created created = BootstrapAdmin.run(backends.dynamo(), config, "root-admin", "ops@yourdomain.com",
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains(created.apiKey()).contains(created.keyId());
        assertThat(output.split(created.apiKey(), -1)).hasSize(2);
        Map<String, AttributeValue> key = backends.dynamo().getItem(GetItemRequest.builder()
                .tableName(backends.prefix() + "apiKeys")
                .key(Map.of("keyHash", AttributeValue.builder().s(ApiKeys.hash(created.apiKey())).build())).build()).item();
        assertThat(key.get("role").s()).isEqualTo("ADMIN");
        assertThat(key.get("owner").s()).isEqualTo(UserIds.of("root-admin"));
        assertThat(key.toString()).doesNotContain(created.apiKey());
        Map<String, AttributeValue> user = backends.dynamo().getItem(GetItemRequest.builder()
                .tableName(backends.prefix() + "users")
                .key(Map.of("userId", AttributeValue.builder().s(UserIds.of("root-admin")).build())).build()).item();
        assertThat(user.get("role").s()).isEqualTo("ADMIN");
        assertThat(user.get("email").s()).isEqualTo("ops@yourdomain.com");
    }
}
