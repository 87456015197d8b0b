package io.agentlaunchpad.local;

import io.agentlaunchpad.agents.AgentSettings;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentServicePorts;
import io.agentlaunchpad.agents.RevisionHistory;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentCounts;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.agents.dynamodb.DynamoRevisionStore;
import io.agentlaunchpad.api.AgentFunctions;
import io.agentlaunchpad.api.RevisionFunctions;
import io.agentlaunchpad.api.KeyFunctions;
import io.agentlaunchpad.api.MessageFunctions;
import io.agentlaunchpad.api.MonitoringFunctions;
import io.agentlaunchpad.api.SecurityFunctions;
import io.agentlaunchpad.api.SystemFunctions;
import io.agentlaunchpad.api.TimelineFunctions;
import io.agentlaunchpad.api.UserFunctions;
import io.agentlaunchpad.api.monitoring.AgentLogService;
import io.agentlaunchpad.api.monitoring.AgentMetricsService;
import io.agentlaunchpad.api.monitoring.KubernetesProbe;
import io.agentlaunchpad.api.monitoring.MonitoringConfig;
import io.agentlaunchpad.api.monitoring.PrometheusMetricsSource;
import io.agentlaunchpad.api.monitoring.RegistryProbe;
import io.agentlaunchpad.api.monitoring.SystemMetricsService;
import io.agentlaunchpad.api.scans.ScanService;
import io.agentlaunchpad.authorizer.Authenticator;
import io.agentlaunchpad.authorizer.AuthorizerFunction;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.kubernetes.KubernetesAgentChannel;
import io.agentlaunchpad.messages.MessageService;
import io.agentlaunchpad.cluster.kubernetes.KubernetesCluster;
import io.agentlaunchpad.cluster.kubernetes.KubernetesReadinessWatch;
import io.agentlaunchpad.cluster.kubernetes.KubernetesClusterReads;
import io.agentlaunchpad.cluster.kubernetes.KubernetesLiveHealth;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.counters.dynamodb.DynamoDeploymentCounters;
import io.agentlaunchpad.deploy.sqs.SqsDeployQueue;
import io.agentlaunchpad.deployer.DeployFunctions;
import io.agentlaunchpad.deployer.Deployer;
import io.agentlaunchpad.deployer.DeployerConfig;
import io.agentlaunchpad.deployer.DriftRepair;
import io.agentlaunchpad.deployer.OwnerNamespaces;
import io.agentlaunchpad.deployer.ReadinessChecks;
import io.agentlaunchpad.deployer.RecordedVerdicts;
import io.agentlaunchpad.deployer.Reconciler;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.DatabaseProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.health.QueueProbe;
import io.agentlaunchpad.http.HttpPipeline;
import io.agentlaunchpad.idempotency.dynamodb.DynamoIdempotencyStore;
import io.agentlaunchpad.identity.dynamodb.DynamoUserStore;
import io.agentlaunchpad.profile.UserService;
import io.agentlaunchpad.keys.dynamodb.DynamoKeyStore;
import io.agentlaunchpad.keys.KeyService;
import io.agentlaunchpad.keys.TokenUsageKeys;
import io.agentlaunchpad.keys.UsagePlans;
import io.agentlaunchpad.keys.apigateway.UsagePlansProducer;
import io.agentlaunchpad.limits.dynamodb.DynamoRateLimiter;
import io.agentlaunchpad.limits.dynamodb.DynamoResourceQuotas;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.scan.dynamodb.DynamoImageVerdicts;
import io.agentlaunchpad.scan.dynamodb.DynamoScanSightings;
import io.agentlaunchpad.scan.ecr.RegistryClients;
import io.agentlaunchpad.scan.ecr.RegistryConfig;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.scan.ImagesConfig;
import io.agentlaunchpad.scan.ScanPolicy;
import io.agentlaunchpad.agents.PlatformVault;
import io.agentlaunchpad.secrets.kms.SecretSealerProducer;
import io.agentlaunchpad.security.dynamodb.DynamoSecurityEvents;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.security.SecurityEventService;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineService;
import io.agentlaunchpad.timeline.dynamodb.DynamoAgentTimeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The functions as their Lambdas wire them (there by CDI, here by hand): the route functions of functions/api, the
 * authorizer of functions/authorizer and the deployer's two functions, on the same stores and services.
 */
final class FunctionAssembly {

    /** What the assembly takes from the running platform. */
    interface Platform {
        DynamoDbClient dynamo();

        SqsClient sqs();

        Faults faults();

        void closeOnStop(AutoCloseable resource);
    }

    private FunctionAssembly() {
    }

    static FunctionRegistry wire(SmallRyeConfig smallRye, LocalSettings settings, ClusterConnection connection,
                                 Platform platform, Clock clock) throws IOException {
        KubernetesClient kube = connection.client();
        SimulatedCluster simulated = connection.simulated();
        String clusterMode = connection.mode();
        DynamoDbClient dynamo = platform.dynamo();
        SqsClient sqs = platform.sqs();
        Faults faults = platform.faults();
        LaunchpadConfig config = smallRye.getConfigMapping(LaunchpadConfig.class);
        ClusterConfig clusterConfig = smallRye.getConfigMapping(ClusterConfig.class);
        DeployerConfig deployerConfig = smallRye.getConfigMapping(DeployerConfig.class);
        ImagesConfig images = smallRye.getConfigMapping(ImagesConfig.class);
        MonitoringConfig ops = smallRye.getConfigMapping(MonitoringConfig.class);
        Limits limits = new Limits(config);
        TableSet tables = TableSet.of(dynamo, config);
        DynamoKeyStore keyStore = new DynamoKeyStore(dynamo, config);
        DynamoUserStore userStore = new DynamoUserStore(dynamo, config);
        DynamoSecurityEvents events = new DynamoSecurityEvents(dynamo, config, clock);
        DynamoRateLimiter rateLimiter = new DynamoRateLimiter(dynamo, config, limits, clock);
        HttpPipeline http = new HttpPipeline(clock, config, rateLimiter, limits, events);
        DynamoAgentStore store = new DynamoAgentStore(tables, new DynamoAgentCounts(tables),
                new DynamoDeploymentCounters(tables));
        PlatformVault vault = new PlatformVault(SecretSealerProducer.forConfig(config));
        KubernetesCluster cluster = new KubernetesCluster(kube, clusterConfig);
        KubernetesClusterReads reads = new KubernetesClusterReads(kube);
        ImageCatalogue catalogue = new ImageCatalogue(images);
        ScanPolicy policy = new ScanPolicy(images);
        DynamoImageVerdicts verdicts = new DynamoImageVerdicts(tables);
        ImageScanner scanner;
        ComponentProbe registryProbe;
        if ("ecr".equals(settings.registry())) {
            EcrClient ecr = RegistryClients.build(smallRye.getConfigMapping(RegistryConfig.class));
            platform.closeOnStop(ecr);
            scanner = new RegistryClients().imageScanner(ecr, images);
            registryProbe = new RegistryProbe(ecr, images);
        } else {
            SimulatedRegistry registry = SimulatedRegistry.at(settings.registryFile());
            scanner = registry;
            registryProbe = registry.probe();
        }
        ImageScans scans = new ImageScans(catalogue, scanner, policy);
        DynamoAgentTimeline agentTimeline = new DynamoAgentTimeline(tables, clock);
        TimelineRecorder timeline = new TimelineRecorder(agentTimeline, clock);
        AgentService agents = new AgentService(store, new SqsDeployQueue(sqs, config),
                new DynamoIdempotencyStore(tables, clock), vault, AgentSettings.from(config), clock,
                new DynamoResourceQuotas(tables, limits),
                new RevisionHistory(new DynamoRevisionStore(tables), config.agents().revisionRetention()),
                AgentServicePorts.of(new KubernetesLiveHealth(cluster, clusterConfig, clock), catalogue, verdicts,
                        timeline));
        HealthService health = new HealthService(List.of(new DatabaseProbe(tables), new QueueProbe(sqs, config),
                new KubernetesProbe(reads, clusterMode, simulated == null ? null : simulated.runtimeMode()),
                registryProbe),
                smallRye.getConfigMapping(HealthService.HealthConfig.class).probeTimeout(), clock);
        // The deployer's invocations (and the drift repair's) are what a crash after an apply kills.
        Cluster deployerCluster = faults.crashingAfterApply(cluster);
        OwnerNamespaces owners = new OwnerNamespaces(deployerCluster);
        KubernetesReadinessWatch readinessWatch = new KubernetesReadinessWatch(kube);
        platform.closeOnStop(readinessWatch);
        Deployer deployer = new Deployer(store, deployerCluster, scans,
                new ReadinessChecks(new SqsDeployQueue(sqs, config), readinessWatch, deployerConfig), events,
                new RecordedVerdicts(verdicts), owners, vault, clusterConfig, deployerConfig, config, clock)
                .withTimeline(timeline);
        Reconciler reconciler = new Reconciler(store, deployer,
                new DriftRepair(deployer, deployerCluster, owners, store, events, clock), owners, deployerConfig,
                clock);
        UsagePlans usagePlans = new UsagePlansProducer().usagePlans(config, limits);
        KeyService keys = new KeyService(keyStore, userStore, usagePlans, rateLimiter, events, config, clock);
        JWTParser jwt = new DefaultJWTParser(jwtVerification(settings));
        return new FunctionRegistry()
                .register(new AgentFunctions(http, agents))
                .register(new TimelineFunctions(http, new TimelineService(agentTimeline, store)))
                .register(new RevisionFunctions(http, agents))
                .register(new KeyFunctions(http, keys))
                .register(new UserFunctions(http, new UserService(userStore, clock)))
                .register(new MonitoringFunctions(http, new AgentLogService(agents, reads, ops, clock),
                        new AgentMetricsService(agents, reads, new PrometheusMetricsSource(ops), ops, clock)))
                .register(new SecurityFunctions(http, new SecurityEventService(events, clock),
                        new ScanService(agents, scans, events, new DynamoScanSightings(tables), clock)))
                .register(new SystemFunctions(http, health,
                        new SystemMetricsService(new DynamoDeploymentCounters(tables), reads, clock)))
                .register(new MessageFunctions(http, new MessageService(store, vault,
                        new KubernetesAgentChannel(kube, clusterConfig), config, clock)))
                .register(new AuthorizerFunction(new Authenticator(keyStore, userStore, events, jwt, config,
                        new TokenUsageKeys(userStore, usagePlans, limits, clock), clock)))
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
}
