package io.agentlaunchpad.local;

import io.agentlaunchpad.agents.AgentRules;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.dynamodb.AgentRecount;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentCounts;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.api.AgentFunctions;
import io.agentlaunchpad.api.KeyFunctions;
import io.agentlaunchpad.api.MessageFunctions;
import io.agentlaunchpad.api.MonitoringFunctions;
import io.agentlaunchpad.api.SecurityFunctions;
import io.agentlaunchpad.api.SystemFunctions;
import io.agentlaunchpad.api.UserFunctions;
import io.agentlaunchpad.api.ops.AgentLogService;
import io.agentlaunchpad.api.ops.AgentMetricsService;
import io.agentlaunchpad.api.ops.KubernetesProbe;
import io.agentlaunchpad.api.ops.OpsConfig;
import io.agentlaunchpad.api.ops.PrometheusMetricsSource;
import io.agentlaunchpad.api.ops.RegistryProbe;
import io.agentlaunchpad.api.ops.ScanService;
import io.agentlaunchpad.api.ops.SystemMetricsService;
import io.agentlaunchpad.authorizer.Authenticator;
import io.agentlaunchpad.authorizer.AuthorizerFunction;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.KubernetesAgentChannel;
import io.agentlaunchpad.messages.MessageService;
import io.agentlaunchpad.cluster.KubernetesCluster;
import io.agentlaunchpad.cluster.KubernetesLiveHealth;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.counters.DynamoDeploymentCounters;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.deploy.SqsDeployQueue;
import io.agentlaunchpad.deployer.DeployFunctions;
import io.agentlaunchpad.deployer.Deployer;
import io.agentlaunchpad.deployer.DeployerConfig;
import io.agentlaunchpad.deployer.DriftRepair;
import io.agentlaunchpad.deployer.FollowUps;
import io.agentlaunchpad.deployer.Reconciler;
import io.agentlaunchpad.deployer.ScanGate;
import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.DatabaseProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.health.QueueProbe;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.http.JsonLog;
import io.agentlaunchpad.idempotency.DynamoIdempotencyStore;
import io.agentlaunchpad.identity.DynamoUserStore;
import io.agentlaunchpad.identity.UserService;
import io.agentlaunchpad.keys.BootstrapAdmin;
import io.agentlaunchpad.keys.DynamoKeyStore;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.keys.KeyWiring;
import io.agentlaunchpad.limits.DynamoRateLimiter;
import io.agentlaunchpad.limits.DynamoResourceQuotas;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.scan.DynamoImageVerdicts;
import io.agentlaunchpad.scan.DynamoScanSightings;
import io.agentlaunchpad.scan.EcrImageScanner;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ImagesConfig;
import io.agentlaunchpad.scan.ScanPolicy;
import io.agentlaunchpad.secrets.PlatformVault;
import io.agentlaunchpad.secrets.SealerWiring;
import io.agentlaunchpad.security.DynamoSecurityEvents;
import io.agentlaunchpad.security.SecurityEventService;
import io.agentlaunchpad.tables.TableProvisioner;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform in one process: dynalite (on disk under {@code .launchpad/}) and ElasticMQ, the route functions
 * wired as their Lambdas wire them, and the gateway in front. {@code ./launchpad up} runs {@link #main}.
 */
public final class LocalPlatform implements AutoCloseable {

    static final String TABLE_PREFIX = "launchpad-";

    private static final JsonLog LOG = JsonLog.of("local");

    /**
     * Local-only defaults, each overridable like any setting: follow-ups come sooner than on AWS, and one catalogue
     * entry serves an agent whose only plugin is {@code @elizaos/plugin-knowledge} with the image the default
     * simulated registry file gives CRITICAL findings, so the scan gate's block can be tried.
     */
    static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            "launchpad.deployer.check-delay", "1S",
            "launchpad.deployer.check-max-delay", "5S",
            "launchpad.images.catalogue.knowledge.repository", "elizaos-knowledge",
            "launchpad.images.catalogue.knowledge.tag", "0.9.0",
            "launchpad.images.catalogue.knowledge.plugins", "@elizaos/plugin-knowledge");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final KubernetesRequestCounter kubernetesRequests = new KubernetesRequestCounter();
    private Faults faults;
    private KubernetesClient kube;
    private SimulatedCluster simulated;
    private String clusterMode;
    private String clusterUrl;
    private Gateway gateway;
    private int port;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private LaunchpadConfig config;

    public static void main(String[] args) throws Exception {
        LocalLogging.configure(System.out);
        LocalSettings settings = LocalSettings.from(System.getenv());
        if (settings.realAgents() && AgentImage.missingPackages(AgentImage.directory()).isPresent()) {
            System.err.println(AgentImage.missingPackages(AgentImage.directory()).get());
            System.exit(2);
            return;
        }
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
            platform.bootstrapAdmin(state, System.out, System.console() != null);
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
        System.out.println(platform.clusterMode.equals("simulated")
                ? "Cluster: simulated; see it with  kubectl --kubeconfig " + settings.home().resolve("kubeconfig")
                + " get deploy -A"
                : "Cluster: " + platform.clusterUrl + " (LAUNCHPAD_KUBECONFIG=" + settings.kubeconfig() + ")");
        if (platform.clusterMode.equals("simulated")) {
            System.out.println(settings.realAgents()
                    ? "Agents: real ElizaOS processes from " + AgentImage.directory() + " (data and logs in "
                    + settings.home().resolve("agents") + "; LAUNCHPAD_AGENT_RUNTIME=simulated simulates them)"
                    : "Agents: simulated pods (LAUNCHPAD_AGENT_RUNTIME=simulated)");
        }
        System.out.println("Image scans: " + ("ecr".equals(settings.registry()) ? "ECR"
                : "simulated registry, findings from " + settings.registryFile()));
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
        AgentRecount.ifMissing(dynamo, TABLE_PREFIX); // a state from before the listing's counts
        QueueProvisioner.QueueUrls queues = QueueProvisioner.create(sqs,
                QueueDefinition.DEPLOY.withVisibilityTimeout(settings.queueVisibilitySeconds()), TABLE_PREFIX);

        // What only this process knows outranks application.properties (250) and yields to the environment (300).
        Map<String, String> local = new HashMap<>(LOCAL_DEFAULTS);
        local.put("launchpad.tables.prefix", TABLE_PREFIX);
        local.put("launchpad.queue.deploy-url", queues.queueUrl());
        local.put("launchpad.sealing.key", state.sealingKey());
        local.put("launchpad.cluster.mode", "kubeconfig");
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(local, "local-platform", 275))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(LaunchpadConfig.class)
                .withMapping(ClusterConfig.class)
                .withMapping(DeployerConfig.class)
                .withMapping(ImagesConfig.class)
                .withMapping(OpsConfig.class)
                .withMapping(HealthService.HealthConfig.class)
                .build();
        config = smallRye.getConfigMapping(LaunchpadConfig.class);

        Clock clock = Clock.systemUTC();
        kube = connectCluster(settings, state);
        faults = new Faults(dynalite, simulated);
        FunctionRegistry functions = wire(smallRye, settings, kube, clock);
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
     * The simulated cluster, its kubeconfig written to {@code .launchpad/kubeconfig}; or the real cluster of
     * {@code LAUNCHPAD_KUBECONFIG}. Either way the platform's client is built from a kubeconfig, as kubectl's is.
     * The client names itself to the simulated cluster, so that only the platform's requests get the errors a
     * fault suite injects.
     */
    private KubernetesClient connectCluster(LocalSettings settings, StateDirectory state) throws IOException {
        Config kubeconfig;
        if (settings.simulatedCluster()) {
            simulated = SimulatedCluster.start(state.root().resolve("kubeconfig"), settings.simulatedReadyDelay(),
                    settings.realAgents() ? AgentImage.runtimeSettings(settings, state.root(), AgentImage.directory()) : null);
            resources.add(simulated);
            clusterMode = "simulated";
            kubeconfig = Config.fromKubeconfig(null, Files.readString(simulated.kubeconfig()),
                    simulated.kubeconfig().toString());
            kubeconfig.setCustomHeaders(Map.of(SimulatedCluster.CLIENT_HEADER, "platform"));
        } else if (LocalSettings.CURRENT_KUBECONFIG.equals(settings.kubeconfig())) {
            clusterMode = "kubeconfig";
            kubeconfig = Config.autoConfigure(settings.kubeContext());
        } else {
            clusterMode = "kubeconfig";
            Path file = Path.of(settings.kubeconfig()).toAbsolutePath();
            kubeconfig = Config.fromKubeconfig(settings.kubeContext(), Files.readString(file), file.toString());
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeconfig)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", kubernetesRequests)).build();
        resources.add(client);
        clusterUrl = kubeconfig.getMasterUrl();
        return client;
    }

    /**
     * The functions as their Lambdas wire them (there by CDI, here by hand): the route functions of functions/api,
     * the authorizer of functions/authorizer and the deployer's two functions, on the same stores and services.
     */
    private FunctionRegistry wire(SmallRyeConfig smallRye, LocalSettings settings, KubernetesClient kube, Clock clock)
            throws IOException {
        LaunchpadConfig config = smallRye.getConfigMapping(LaunchpadConfig.class);
        ClusterConfig clusterConfig = smallRye.getConfigMapping(ClusterConfig.class);
        DeployerConfig deployerConfig = smallRye.getConfigMapping(DeployerConfig.class);
        ImagesConfig images = smallRye.getConfigMapping(ImagesConfig.class);
        OpsConfig ops = smallRye.getConfigMapping(OpsConfig.class);
        Limits limits = new Limits(config);
        DynamoKeyStore keyStore = new DynamoKeyStore(dynamo, config);
        DynamoUserStore userStore = new DynamoUserStore(dynamo, config);
        DynamoSecurityEvents events = new DynamoSecurityEvents(dynamo, config, clock);
        DynamoRateLimiter rateLimiter = new DynamoRateLimiter(dynamo, config, limits, clock);
        HttpPipeline http = new HttpPipeline(clock, config, rateLimiter, limits, events);
        DynamoAgentStore store = new DynamoAgentStore(dynamo, config, new DynamoAgentCounts(dynamo, config),
                new DynamoDeploymentCounters(dynamo, config));
        PlatformVault vault = new PlatformVault(SealerWiring.forConfig(config));
        KubernetesCluster cluster = new KubernetesCluster(kube, clusterConfig);
        ImageCatalogue catalogue = new ImageCatalogue(images);
        ScanPolicy policy = new ScanPolicy(images);
        DynamoImageVerdicts verdicts = new DynamoImageVerdicts(dynamo, config);
        ImageScanner scanner;
        ComponentProbe registryProbe;
        if ("ecr".equals(settings.registry())) {
            EcrClient ecr = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            resources.add(ecr);
            scanner = new EcrImageScanner(ecr, images, new DefaultAwsRegionProviderChain().getRegion());
            registryProbe = new RegistryProbe(ecr, images);
        } else {
            SimulatedRegistry registry = SimulatedRegistry.at(settings.registryFile());
            scanner = registry;
            registryProbe = registry.probe();
        }
        AgentService agents = new AgentService(store, new SqsDeployQueue(sqs, config),
                new DynamoIdempotencyStore(dynamo, config, clock), vault, AgentRules.from(config), clock,
                new DynamoResourceQuotas(dynamo, config, limits))
                .withOptionalPorts(new KubernetesLiveHealth(cluster, clusterConfig, clock), catalogue, verdicts);
        HealthService health = new HealthService(List.of(new DatabaseProbe(dynamo, config), new QueueProbe(sqs, config),
                new KubernetesProbe(kube, clusterMode, simulated == null ? null : simulated.runtimeMode()),
                registryProbe),
                smallRye.getConfigMapping(HealthService.HealthConfig.class).probeTimeout(), clock);
        // The deployer's invocations (and the drift repair's) are what a crash after an apply kills.
        Cluster deployerCluster = faults.crashingAfterApply(cluster);
        Deployer deployer = new Deployer(store, deployerCluster, new ScanGate(catalogue, scanner, policy),
                new FollowUps(sqs, config, deployerConfig), events, verdicts, vault, clusterConfig, deployerConfig,
                config, clock);
        Reconciler reconciler = new Reconciler(store, deployer,
                new DriftRepair(deployer, deployerCluster, store, events, clock), deployerConfig, clock);
        KeyService keys = new KeyService(keyStore, userStore, new KeyWiring().usagePlans(config, limits), rateLimiter,
                events, config, clock);
        JWTParser jwt = new DefaultJWTParser(jwtVerification(settings));
        return new FunctionRegistry()
                .register(new AgentFunctions(http, agents))
                .register(new KeyFunctions(http, keys))
                .register(new UserFunctions(http, new UserService(userStore, clock)))
                .register(new MonitoringFunctions(http, new AgentLogService(agents, kube, ops, clock),
                        new AgentMetricsService(agents, kube, new PrometheusMetricsSource(ops), ops, clock)))
                .register(new SecurityFunctions(http, new SecurityEventService(events, clock),
                        new ScanService(agents, catalogue, scanner, policy, events,
                                new DynamoScanSightings(dynamo, config), clock)))
                .register(new SystemFunctions(http, health,
                        new SystemMetricsService(new DynamoDeploymentCounters(dynamo, config), kube, clock)))
                .register(new MessageFunctions(http, new MessageService(store, vault,
                        new KubernetesAgentChannel(kube, clusterConfig), config, clock)))
                .register(new AuthorizerFunction(new Authenticator(keyStore, userStore, events, jwt, config, clock)))
                .register(new DeployFunctions(deployer, reconciler, deployerConfig));
    }

    /**
     * As the authorizer Lambda verifies bearer tokens (mp.jwt.verify.*): the key, the issuer and the audience. With
     * no key, no token can be verified, and every one is refused.
     */
    static JWTAuthContextInfo jwtVerification(LocalSettings settings) {
        if (settings.jwtPublicKeyLocation() == null) {
            return new JWTAuthContextInfo();
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(settings.jwtPublicKeyLocation(), settings.jwtIssuer());
        info.setExpectedAudience(java.util.Set.of(settings.jwtAudience()));
        return info;
    }

    /**
     * On the first start: an admin user and key, kept in {@code .launchpad/admin-api-key} (0600) and printed once only
     * when {@code terminal} (standard output is one): redirected output ends up in the platform's log.
     */
    void bootstrapAdmin(StateDirectory state, java.io.PrintStream out, boolean terminal) throws IOException {
        if (java.nio.file.Files.exists(state.adminKeyFile())) {
            out.println("Admin API key: in " + state.adminKeyFile());
            return;
        }
        KeyViews.Created created = BootstrapAdmin.run(dynamo, config, "admin", "admin@launchpad.local",
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        StateDirectory.writePrivate(state.adminKeyFile(), created.apiKey() + "\n");
        announceAdminKey(out, terminal, created.apiKey(), state.adminKeyFile());
    }

    static void announceAdminKey(java.io.PrintStream out, boolean terminal, String key, Path file) {
        if (terminal) {
            out.println("Created the admin user and its API key (shown once; also in " + file + "):");
            out.println("  " + key);
        } else {
            out.println("Created the admin user; its API key is in " + file
                    + " (readable only by you; not printed because standard output is not a terminal)");
        }
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
        platform.bootstrapAdmin(state, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false);
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

    DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The platform's own Kubernetes client, which the deployer and the routes share. */
    KubernetesClient kubernetes() {
        return kube;
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
