package io.agentlaunchpad.local;

import io.agentlaunchpad.agents.AgentRules;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.api.AgentFunctions;
import io.agentlaunchpad.api.KeyFunctions;
import io.agentlaunchpad.api.UserFunctions;
import io.agentlaunchpad.authorizer.Authenticator;
import io.agentlaunchpad.authorizer.AuthorizerFunction;
import io.agentlaunchpad.identity.DynamoUserStore;
import io.agentlaunchpad.identity.UserService;
import io.agentlaunchpad.keys.BootstrapAdmin;
import io.agentlaunchpad.keys.DynamoKeyStore;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.keys.KeyWiring;
import io.agentlaunchpad.limits.DynamoRateLimiter;
import io.agentlaunchpad.security.DynamoSecurityEvents;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.deploy.SqsDeployQueue;
import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.idempotency.DynamoIdempotencyStore;
import io.agentlaunchpad.limits.DynamoResourceQuotas;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.secrets.SealerWiring;
import io.agentlaunchpad.secrets.PlatformVault;
import io.agentlaunchpad.tables.TableProvisioner;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole platform in one process: dynalite (on disk under {@code .launchpad/}) and ElasticMQ, the route functions
 * wired as their Lambdas wire them, and the gateway in front. {@code ./launchpad up} runs {@link #main}.
 */
public final class LocalPlatform implements AutoCloseable {

    static final String TABLE_PREFIX = "launchpad-";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Gateway gateway;
    private int port;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private LaunchpadConfig config;

    public static void main(String[] args) throws Exception {
        LocalSettings settings = LocalSettings.from(System.getenv());
        StateDirectory state;
        try {
            state = StateDirectory.open(settings.home());
        } catch (StateDirectory.AlreadyRunningException e) {
            System.err.println("Agent Launchpad is already running here (" + e.getMessage() + "); stop it with Ctrl-C"
                    + " in its terminal before starting another.");
            System.exit(2);
            return;
        }
        LocalPlatform platform;
        try {
            platform = start(settings, state);
        } catch (BindException e) {
            state.close();
            System.err.println("Port " + settings.port() + " is taken; set LAUNCHPAD_PORT to another port.");
            System.exit(2);
            return;
        }
        try {
            platform.bootstrapAdmin(state, System.out);
        } catch (RuntimeException | IOException e) {
            platform.close();
            state.close();
            System.err.println("Could not create the first admin key: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Agent Launchpad...");
            platform.close();
            try {
                state.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            stopped.countDown();
        }));
        String url = "http://" + ("0.0.0.0".equals(settings.host()) ? "localhost" : settings.host()) + ":" + platform.port();
        state.markRunning("pid " + ProcessHandle.current().pid() + ", " + url);
        System.out.println("Agent Launchpad is ready at " + url + "  (state in " + settings.home() + "; Ctrl-C stops it)");
        stopped.await();
    }

    static LocalPlatform start(LocalSettings settings, StateDirectory state) throws IOException {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.startAll(settings, state);
            return platform;
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(LocalSettings settings, StateDirectory state) throws IOException {
        Dynalite dynalite = Dynalite.start(state.dynamoDirectory());
        resources.add(dynalite);
        ElasticMq elasticMq = ElasticMq.start();
        resources.add(elasticMq);
        dynamo = dynalite.client();
        sqs = elasticMq.client();
        resources.add(dynamo);
        resources.add(sqs);
        TableProvisioner.createAll(dynamo, TABLE_PREFIX);
        QueueProvisioner.QueueUrls queues = QueueProvisioner.create(sqs, QueueDefinition.DEPLOY, TABLE_PREFIX);

        // What only this process knows outranks application.properties (250) and yields to the environment (300).
        Map<String, String> local = Map.of(
                "launchpad.tables.prefix", TABLE_PREFIX,
                "launchpad.queue.deploy-url", queues.queueUrl(),
                "launchpad.sealing.key", state.sealingKey());
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(local, "local-platform", 275))
                .withMapping(LaunchpadConfig.class)
                .build();
        config = smallRye.getConfigMapping(LaunchpadConfig.class);

        Clock clock = Clock.systemUTC();
        FunctionRegistry functions = wire(config, settings, clock);
        Limits limits = new Limits(config);
        FunctionAuthorizer authorizer = new FunctionAuthorizer(functions, "authorize",
                List.of("X-API-Key", "Authorization"), settings.authorizerCacheTtl(), clock);
        gateway = new Gateway(functions, authorizer, limits, settings.integrationTimeout(), clock);
        resources.add(gateway);
        port = gateway.start(settings.host(), settings.port());
    }

    /**
     * The functions as their Lambdas wire them (there by CDI, here by hand): the route functions of functions/api
     * and the authorizer of functions/authorizer, on the same stores and services.
     */
    private FunctionRegistry wire(LaunchpadConfig config, LocalSettings settings, Clock clock) {
        Limits limits = new Limits(config);
        DynamoKeyStore keyStore = new DynamoKeyStore(dynamo, config);
        DynamoUserStore userStore = new DynamoUserStore(dynamo, config);
        DynamoSecurityEvents events = new DynamoSecurityEvents(dynamo, config, clock);
        DynamoRateLimiter rateLimiter = new DynamoRateLimiter(dynamo, config, limits, clock);
        HttpPipeline http = new HttpPipeline(clock, config, rateLimiter, limits, events);
        AgentService agents = new AgentService(new DynamoAgentStore(dynamo, config), new SqsDeployQueue(sqs, config),
                new DynamoIdempotencyStore(dynamo, config, clock),
                new PlatformVault(SealerWiring.forConfig(config)), AgentRules.from(config), clock,
                new DynamoResourceQuotas(dynamo, config, limits));
        KeyService keys = new KeyService(keyStore, userStore, new KeyWiring().usagePlans(config, limits), rateLimiter,
                events, config, clock);
        JWTParser jwt = new DefaultJWTParser(settings.jwtPublicKeyLocation() == null ? new JWTAuthContextInfo()
                : new JWTAuthContextInfo(settings.jwtPublicKeyLocation(), settings.jwtIssuer()));
        return new FunctionRegistry()
                .register(new AgentFunctions(http, agents))
                .register(new KeyFunctions(http, keys))
                .register(new UserFunctions(http, new UserService(userStore, clock)))
                .register(new AuthorizerFunction(new Authenticator(keyStore, userStore, events, jwt, config, clock)));
    }

    /** On the first start: an admin user and key, the key printed once and kept in {@code .launchpad/admin-api-key}. */
    void bootstrapAdmin(StateDirectory state, java.io.PrintStream out) throws IOException {
        if (java.nio.file.Files.exists(state.adminKeyFile())) {
            out.println("Admin API key: in " + state.adminKeyFile());
            return;
        }
        KeyViews.Created created = BootstrapAdmin.run(dynamo, config, "admin", "admin@launchpad.local",
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        StateDirectory.writePrivate(state.adminKeyFile(), created.apiKey() + "\n");
        out.println("Created the admin user and its API key (shown once; also in " + state.adminKeyFile() + "):");
        out.println("  " + created.apiKey());
    }

    /**
     * A platform on a free loopback port with its own state under {@code home}, its first admin key made: for
     * benchmarks and suites that drive it from the same JVM. Closing it stops everything and frees {@code home}.
     */
    public static Running startIn(Path home) throws IOException {
        StateDirectory state;
        try {
            state = StateDirectory.open(home);
        } catch (StateDirectory.AlreadyRunningException e) {
            throw new IOException("a platform already runs on " + home + ": " + e.getMessage(), e);
        }
        LocalPlatform platform = start(new LocalSettings("127.0.0.1", 0, home, java.time.Duration.ZERO,
                java.time.Duration.ofSeconds(29)), state);
        platform.bootstrapAdmin(state, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        return new Running(platform, state, java.nio.file.Files.readString(state.adminKeyFile()).trim());
    }

    /** A platform started by {@link #startIn}. */
    public record Running(LocalPlatform platform, StateDirectory state, String adminKey) implements AutoCloseable {

        public String baseUrl() {
            return "http://127.0.0.1:" + platform.port();
        }

        public DynamoDbClient dynamo() {
            return platform.dynamo();
        }

        public SqsClient sqs() {
            return platform.sqs();
        }

        public String deployQueueUrl() {
            return platform.config.queue().deployUrl();
        }

        @Override
        public void close() throws IOException {
            platform.close();
            state.close();
        }
    }

    int port() {
        return port;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
        resources.clear();
    }
}
