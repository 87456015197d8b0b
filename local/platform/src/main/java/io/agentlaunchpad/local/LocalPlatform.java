package io.agentlaunchpad.local;

import io.agentlaunchpad.agents.dynamodb.AgentRecount;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.tables.TableProvisioner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.SmallRyeConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform in one process: dynalite (on disk under {@code .launchpad/}) and ElasticMQ, the route functions
 * wired as their Lambdas wire them ({@link FunctionAssembly}), and the gateway in front. {@code ./launchpad up} runs
 * {@link PlatformCommand}; suites and benchmarks start one with {@link #startIn}.
 */
public final class LocalPlatform implements AutoCloseable, FunctionAssembly.Platform {

    static final String TABLE_PREFIX = LocalConfiguration.TABLE_PREFIX;

    private static final JsonLog LOG = JsonLog.of("local");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final KubernetesRequestCounter kubernetesRequests = new KubernetesRequestCounter();
    private Faults faults;
    private ClusterConnection cluster;
    private Gateway gateway;
    private int port;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private LaunchpadConfig config;

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
        AgentRecount.ifMissing(dynamo, TABLE_PREFIX); // a state from before the listing's counts
        QueueProvisioner.QueueUrls queues = QueueProvisioner.create(sqs,
                QueueDefinition.DEPLOY.withVisibilityTimeout(settings.queueVisibilitySeconds()), TABLE_PREFIX);

        SmallRyeConfig smallRye = LocalConfiguration.build(queues.queueUrl(), state.sealingKey());
        config = smallRye.getConfigMapping(LaunchpadConfig.class);

        Clock clock = Clock.systemUTC();
        ClusterConnection connection = ClusterConnection.open(settings, state, kubernetesRequests);
        if (connection.simulated() != null) {
            resources.add(connection.simulated());
        }
        resources.add(connection.client());
        cluster = connection;
        faults = new Faults(dynalite, connection.simulated());
        FunctionRegistry functions = FunctionAssembly.wire(smallRye, settings, connection, this, clock);
        Limits limits = new Limits(config);
        FunctionAuthorizer authorizer = new FunctionAuthorizer(functions, "authorize",
                List.of("X-API-Key", "Authorization"), settings.authorizerCacheTtl(), clock);
        gateway = new Gateway(functions, authorizer, limits, settings.integrationTimeout(), clock);
        resources.add(gateway);
        port = gateway.start(settings.host(), settings.port());

        // The deploy queue's event source mapping, and the reconciler's schedule (run once at start too: ElasticMQ
        // keeps messages in memory, and the reconciler resumes every agent whose command a restart lost).
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queues.queueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueueTrigger trigger = new QueueTrigger(sqs, queues.queueUrl(), queueArn, functions, "deploy", 10,
                faults.deliveries());
        resources.add(trigger);
        trigger.start();
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedule-reconcile");
            t.setDaemon(true);
            return t;
        });
        resources.add(schedule::shutdownNow);
        schedule.scheduleWithFixedDelay(() -> {
            try {
                functions.invoke("reconcile", "{}");
            } catch (RuntimeException e) {
                LOG.warn("scheduled reconcile failed", Map.of("error", e.getClass().getSimpleName()));
            }
        }, 0, settings.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A platform on a free loopback port with its own state under {@code home}, its first admin key made: for
     * benchmarks and suites that drive it from the same JVM. Closing it stops everything and frees {@code home}.
     */
    public static Running startIn(Path home) throws IOException {
        return startIn(home, Map.of());
    }

    /**
     * As {@link #startIn(Path)}, with the other local settings read from {@code environment} as {@code ./launchpad
     * up} reads them from the environment (e.g. {@code LAUNCHPAD_RECONCILE_SECONDS},
     * {@code LAUNCHPAD_SIMULATED_READY_SECONDS}, {@code LAUNCHPAD_QUEUE_VISIBILITY_SECONDS}); its
     * {@code LAUNCHPAD_HOST}, {@code LAUNCHPAD_PORT} and {@code LAUNCHPAD_HOME} are not read. Pods are simulated
     * unless {@code LAUNCHPAD_AGENT_RUNTIME=real} is given.
     */
    public static Running startIn(Path home, Map<String, String> environment) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("LAUNCHPAD_AGENT_RUNTIME", LocalSettings.SIMULATED_RUNTIME);
        env.put("LAUNCHPAD_HOST", "127.0.0.1");
        env.put("LAUNCHPAD_PORT", "0");
        env.put("LAUNCHPAD_HOME", home.toString());
        LocalSettings settings = LocalSettings.from(env);
        StateDirectory state;
        try {
            state = StateDirectory.open(home);
        } catch (StateDirectory.AlreadyRunningException e) {
            throw new IOException("a platform already runs on " + home + ": " + e.getMessage(), e);
        }
        LocalPlatform platform;
        try {
            platform = start(settings, state);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
        AdminKey.bootstrap(platform, state, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false);
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

        /** Every call the platform made to the Kubernetes API so far (the deployer's and the routes'). */
        public KubernetesRequestCounter kubernetesRequests() {
            return platform.kubernetesRequests;
        }

        /** CPU time the simulated cluster's API server spent answering so far; zero with a real cluster. */
        public java.time.Duration simulatedApiServerCpu() {
            return platform.cluster.simulated() == null ? java.time.Duration.ZERO
                    : platform.cluster.simulated().apiServerCpu();
        }

                /** The faults to inject into this platform while a suite drives it. */
        public Faults faults() {
            return platform.faults;
        }

        /** The kubeconfig of the simulated cluster ({@code <home>/kubeconfig}). */
        public Path kubeconfig() {
            return state.root().resolve("kubeconfig");
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

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The platform's own Kubernetes client, which the deployer and the routes share. */
    KubernetesClient kubernetes() {
        return cluster.client();
    }

    String clusterMode() {
        return cluster.mode();
    }

    String clusterUrl() {
        return cluster.url();
    }

    LaunchpadConfig config() {
        return config;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public void closeOnStop(AutoCloseable resource) {
        resources.add(resource);
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
