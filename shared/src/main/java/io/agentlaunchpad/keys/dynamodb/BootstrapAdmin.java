package io.agentlaunchpad.keys.dynamodb;

import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.keys.apigateway.UsagePlansProducer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.identity.dynamodb.DynamoUserStore;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.limits.dynamodb.DynamoRateLimiter;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

/**
 * The operator's command for the first admin key, with AWS credentials instead of a signed token: it goes through
 * the same {@link KeyService} as {@code POST /api/auth/generate-key} (hash only in DynamoDB, registration on the
 * usage plan, a security event), never a hand edit. Configuration comes from the environment
 * ({@code LAUNCHPAD_TABLES_PREFIX}, {@code LAUNCHPAD_USAGE_PLANS_ADAPTER=aws}, {@code LAUNCHPAD_USAGE_PLANS_ADMIN_PLAN_ID}, …).
 * <pre>
 *   ./mvnw -q -pl shared exec:java -Dexec.mainClass=io.agentlaunchpad.keys.dynamodb.BootstrapAdmin \
 *       -Dexec.classpathScope=compile -Dexec.args="admin admin@yourdomain.com"
 * </pre>
 */
public final class BootstrapAdmin {

    /** Who the key's security event says created it. */
    public static final String OPERATOR = "operator-bootstrap";

    private BootstrapAdmin() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BootstrapAdmin <username> [email]");
            System.exit(2);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredConverters()
                .withMapping(LaunchpadConfig.class)
                .withDefaultValue("launchpad.queue.deploy-url", "unused-by-bootstrap")
                .withDefaultValue("launchpad.sealing.key", "unused-by-bootstrap")
                .build();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            run(dynamo, config.getConfigMapping(LaunchpadConfig.class), args[0], args.length > 1 ? args[1] : null,
                    System.out);
        }
    }

    /** Mints an ADMIN key for {@code username} and prints it once, with its id and expiry. */
    public static KeyViews.Created run(DynamoDbClient dynamo, LaunchpadConfig config, String username, String email,
                                       PrintStream out) {
        Clock clock = Clock.systemUTC();
        Limits limits = new Limits(config);
        KeyService keys = new KeyService(new DynamoKeyStore(dynamo, config), new DynamoUserStore(dynamo, config),
                new UsagePlansProducer().usagePlans(config, limits), new DynamoRateLimiter(dynamo, config, limits, clock),
                new DynamoSecurityEvents(dynamo, config, clock), config, clock);
        ObjectNode body = Json.MAPPER.createObjectNode().put("username", username).put("role", "ADMIN");
        if (email != null) {
            body.put("email", email);
        }
        KeyViews.Created created = keys.generate(new Principal(OPERATOR, OPERATOR, "ADMIN", Set.of("*"), null), body);
        out.println("apiKey:    " + created.apiKey() + "   (shown once: store it now)");
        out.println("keyId:     " + created.keyId());
        out.println("expiresAt: " + created.expiresAt());
        return created;
    }
}
