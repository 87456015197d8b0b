package io.agentlaunchpad.infra;

import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform on AWS: tables, queues, keys, the agent image registry, the functions and the API in front.
 * A normal stage keeps its data when the stack goes (tables with deletion protection, the sealing key, the image
 * repository and the logs are retained). An {@link LaunchpadSettings#ephemeral() ephemeral} stage, made for a test
 * run, retains nothing: every resource is deleted with the stack, the tables without deletion protection, the key
 * after KMS's shortest waiting period; and it leaves the account-wide API Gateway CloudWatch role alone (creating it
 * would repoint the account's setting at a role that dies with the stage), so its API writes no execution or
 * access logs.
 */
public class LaunchpadStack extends Stack {

    /** The catalogue's default repository, for the functions that read images (scans, the registry probe). */
    static final String IMAGES_REPOSITORY_VARIABLE = "LAUNCHPAD_IMAGES_DEFAULT_REPOSITORY";

    public final DataTables tables;
    public final DeployQueues queues;
    public final Key sealingKey;
    public final IRepository agentImages;
    public final Map<String, Function> routeFunctions = new LinkedHashMap<>();
    public final Function authorizerFunction;
    public final DeployerFunctions deployer;
    public final HttpApi http;

    public LaunchpadStack(Construct scope, String id, StackProps props, LaunchpadSettings settings) {
        super(scope, id, props);
        String prefix = settings.prefix();
        tables = new DataTables(this, "Tables", prefix, !settings.ephemeral());
        queues = new DeployQueues(this, "DeployQueue", prefix);
        Key.Builder key = Key.Builder.create(this, "SealingKey")
                .description("Seals agents' platform tokens at rest (" + settings.stage() + ")")
                .enableKeyRotation(true)
                .removalPolicy(settings.ephemeral() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
        if (settings.ephemeral()) {
            key.pendingWindow(Duration.days(7));
        }
        sealingKey = key.build();
        if (settings.ecrRepositoryExists()) {
            agentImages = Repository.fromRepositoryName(this, "AgentImages", settings.ecrRepositoryName());
        } else {
            Repository.Builder repository = Repository.Builder.create(this, "AgentImages")
                    .repositoryName(settings.ecrRepositoryName())
                    .imageScanOnPush(true)
                    .imageTagMutability(TagMutability.IMMUTABLE)
                    .lifecycleRules(List.of(
                            LifecycleRule.builder().description("drop untagged images after a week")
                                    .tagStatus(TagStatus.UNTAGGED).maxImageAge(Duration.days(7)).rulePriority(1).build(),
                            LifecycleRule.builder().description("keep the last 50 images")
                                    .tagStatus(TagStatus.ANY).maxImageCount(50).rulePriority(2).build()))
                    .removalPolicy(RemovalPolicy.RETAIN);
            if (settings.ephemeral()) {
                // CloudFormation deletes a repository only when empty: this one goes with its images.
                repository.removalPolicy(RemovalPolicy.DESTROY).emptyOnDelete(true);
            }
            agentImages = repository.build();
        }

        FunctionFactory factory = new FunctionFactory(settings);
        Map<String, String> env = Map.of(
                "LAUNCHPAD_TABLES_PREFIX", prefix,
                "LAUNCHPAD_DEPLOY_QUEUE_URL", queues.queue.getQueueUrl(),
                "LAUNCHPAD_AGENTS_DOMAIN", settings.agentsDomain(),
                "LAUNCHPAD_SEALING_KMS_KEY_ID", sealingKey.getKeyArn());
        AccessGrants grants = new AccessGrants(this, tables, queues, sealingKey, agentImages);
        for (Route route : RouteTable.ROUTES) {
            Map<String, String> routeEnv = new HashMap<>(env);
            if (route.readsCluster()) {
                routeEnv.putAll(ClusterAccess.environment(settings));
            }
            if (RouteAccess.of(route).usesImages()) {
                routeEnv.put(IMAGES_REPOSITORY_VARIABLE, agentImages.getRepositoryName());
            }
            Function function = factory.create(this, "Route-" + route.function(), "api", route.function(), 512,
                    Duration.seconds(29), routeEnv, null);
            grant(route, function, settings, grants);
            routeFunctions.put(route.function(), function);
        }
        Authorizers authorizers = new Authorizers(this, settings, factory, env, grants);
        authorizerFunction = authorizers.function;
        deployer = new DeployerFunctions(this, "Deployer", settings, factory, env, tables, queues, sealingKey, agentImages);
        http = new HttpApi(this, "Http", settings, routeFunctions, authorizers.authorizer);

        // Keys are registered on the plan of their role's tier (docs/identity.md); the ids exist once the plans do.
        routeFunctions.values().forEach(function -> {
            function.addEnvironment("LAUNCHPAD_USAGE_PLANS_ADAPTER", "aws");
            http.usagePlans.forEach((role, plan) -> function.addEnvironment(
                    "LAUNCHPAD_USAGE_PLANS_" + role.name() + "_PLAN_ID", plan.getUsagePlanId()));
        });

        // Each token user gets a usage key of their own on the plan holding the tier's key (TokenUsageKeys).
        authorizerFunction.addEnvironment("LAUNCHPAD_USAGE_PLANS_ADAPTER", "aws");
        http.jwtUsageKeys.forEach((role, value) -> authorizerFunction.addEnvironment(
                "LAUNCHPAD_USAGE_PLANS_" + role.name() + "_JWT_KEY", value));

        Map<String, Function> alarmed = new LinkedHashMap<>(routeFunctions);
        alarmed.put(Authorizers.EXPORT, authorizerFunction);
        alarmed.put(DeployerFunctions.DEPLOY, deployer.deploy);
        alarmed.put(DeployerFunctions.RECONCILE, deployer.reconcile);
        new Alarms(this, "Alarms", settings, queues, alarmed, http.api);

        output("ApiUrl", http.api.getUrl(), "Base URL of the API");
        for (Role role : Role.values()) {
            output("UsagePlan" + role.name(), http.usagePlans.get(role).getUsagePlanId(),
                    "launchpad.usage-plans." + role.name().toLowerCase() + "-plan-id");
        }
        output("DeployQueueUrl", queues.queue.getQueueUrl(), "Deploy commands");
        output("DeadLetterQueueUrl", queues.deadLetters.getQueueUrl(), "Deploy commands that failed every retry");
        output("AgentImageRepository", agentImages.getRepositoryUri(), "Push agent images here");
        output("SealingKeyArn", sealingKey.getKeyArn(), "KMS key sealing platform tokens");
        output("DeployerRoleArn", deployer.role.getRoleArn(),
                "EKS access entry principal; apply infra-cdk/k8s/deployer-rbac.yaml to the cluster");
        output("ClusterReaderRoleArns", Fn.join(",", RouteTable.ROUTES.stream()
                        .filter(r -> r.readsCluster() && !talksToAgent(r))
                        .map(r -> routeFunctions.get(r.function()).getRole().getRoleArn()).toList()),
                "EKS access entry principals of the routes that read the cluster; apply infra-cdk/k8s/reader-rbac.yaml");
        output("ClusterMessengerRoleArns", Fn.join(",", RouteTable.ROUTES.stream().filter(LaunchpadStack::talksToAgent)
                        .map(r -> routeFunctions.get(r.function()).getRole().getRoleArn()).toList()),
                "EKS access entry principals of the routes that talk to agents; apply infra-cdk/k8s/messenger-rbac.yaml");
        output("BootstrapFirstAdmin", Fn.join("", List.of(
                "LAUNCHPAD_TABLES_PREFIX=", prefix,
                " LAUNCHPAD_USAGE_PLANS_ADAPTER=aws LAUNCHPAD_USAGE_PLANS_ADMIN_PLAN_ID=",
                http.usagePlans.get(Role.ADMIN).getUsagePlanId(),
                " ./mvnw -q -pl shared exec:java -Dexec.mainClass=io.agentlaunchpad.keys.dynamodb.BootstrapAdmin",
                " -Dexec.classpathScope=compile -Dexec.args='admin admin@yourdomain.com'")),
                "Mint the first ADMIN key with AWS credentials (docs/identity.md, 'The first admin')");

        if (settings.ephemeral()) {
            Aspects.of(this).add(new DestroyEverything());
        }
    }

    /**
     * An ephemeral stage's removal policy, for every resource: what a construct retains by default (log groups, the
     * tables) or by choice goes with the stack too, including what is added later.
     */
    static final class DestroyEverything implements IAspect {
        @Override
        public void visit(IConstruct node) {
            if (node instanceof CfnResource resource) {
                resource.applyRemovalPolicy(RemovalPolicy.DESTROY);
            }
        }
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * Exactly what the route's code uses ({@link RouteAccess}); the routes that read the cluster reach it read-only,
     * the messages routes only through the service proxy.
     */
    private void grant(Route route, Function function, LaunchpadSettings settings, AccessGrants grants) {
        grants.grant(function, RouteAccess.of(route));
        if (route.readsCluster()) {
            // Each route keeps its own role; the access entry puts it in the read-only group (k8s/reader-rbac.yaml),
            // or for the messages routes in the group that may only use the service proxy (k8s/messenger-rbac.yaml).
            function.addToRolePolicy(ClusterAccess.describeCluster(this, settings));
            ClusterAccess.entry(this, "Route-" + route.function() + "-ClusterAccess", settings, function.getRole(),
                    talksToAgent(route) ? ClusterAccess.MESSENGER_GROUP : ClusterAccess.READER_GROUP);
        }
    }

    /** The routes that reach an agent's own API (through the API server's service proxy): the messages routes. */
    static boolean talksToAgent(Route route) {
        return RouteAccess.talksToAgent(route);
    }
}
