package io.agentlaunchpad.infra;

import io.agentlaunchpad.tables.Tables;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code functions/deployer}: {@code deploy} on the deploy queue and {@code reconcile} on a schedule, sharing one role
 * (they apply the same objects). The only role that may change the cluster and start image scans; the routes that
 * read the cluster get read-only access of their own ({@link ClusterAccess}).
 */
public final class DeployerFunctions extends Construct {

    public static final String DEPLOY = "deploy";
    public static final String RECONCILE = "reconcile";
    /** The Kubernetes group the access entry puts the role in; {@code k8s/deployer-rbac.yaml} binds it. */
    public static final String KUBERNETES_GROUP = "agent-launchpad-deployer";
    /** Records per invocation and concurrent invocations: bounds the load on the cluster's API server. */
    public static final int BATCH_SIZE = 5;
    public static final int MAX_CONCURRENCY = 5;
    public static final Duration RECONCILE_EVERY = Duration.minutes(5);

    public final Role role;
    public final Function deploy;
    public final Function reconcile;

    public DeployerFunctions(Construct scope, String id, LaunchpadSettings settings, FunctionFactory factory,
                             Map<String, String> environment, DataTables tables, DeployQueues queues, Key sealingKey,
                             IRepository agentImages) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")))
                .description("Agent Launchpad deployer and reconciler (" + settings.stage() + ")")
                .build();

        Map<String, String> env = new HashMap<>(environment);
        env.putAll(ClusterAccess.environment(settings));
        env.put("LAUNCHPAD_IMAGES_DEFAULT_REPOSITORY", agentImages.getRepositoryName());
        env.put("LAUNCHPAD_DEPLOYER_MAX_RECEIVE_COUNT", Integer.toString(io.agentlaunchpad.deploy.QueueDefinition.DEPLOY.maxReceiveCount()));

        // Shorter than the queue's visibility timeout, so a record is never handled twice at once.
        deploy = factory.create(this, "Deploy", "deployer", DEPLOY, 1024, Duration.seconds(120), env, role);
        deploy.addEventSource(SqsEventSource.Builder.create(queues.queue)
                .batchSize(BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(MAX_CONCURRENCY)
                .build());
        reconcile = factory.create(this, "Reconcile", "deployer", RECONCILE, 1024, Duration.minutes(5), env, role);
        Rule.Builder.create(this, "ReconcileSchedule")
                .description("Re-apply running agents and push lost follow-ups")
                .schedule(Schedule.rate(RECONCILE_EVERY))
                .targets(List.of(new LambdaFunction(reconcile)))
                .build();

        tables.table(Tables.AGENTS).grantReadWriteData(role);
        tables.table(Tables.SECURITY_EVENTS).grantReadWriteData(role);
        tables.table(Tables.IMAGE_VERDICTS).grantReadWriteData(role);
        tables.table(Tables.AGENT_TIMELINE).grantReadWriteData(role); // records the rollout, trims to the last 100
        tables.table(Tables.AGENT_REVISIONS).grantReadWriteData(role); // a removed agent's revisions go with it
        tables.table(Tables.COUNTERS).grantReadWriteData(role); // the listing's counts: transitions, the one recount
        queues.queue.grantSendMessages(role); // readiness follow-ups (CHECK, delayed)
        sealingKey.grantDecrypt(role);        // unseals platform tokens into the agent's Secret
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecr:DescribeImages", "ecr:DescribeImageScanFindings", "ecr:StartImageScan"))
                .resources(List.of(agentImages.getRepositoryArn()))
                .build());
        role.addToPolicy(ClusterAccess.describeCluster(this, settings));
        // The role becomes the Kubernetes group KUBERNETES_GROUP; k8s/deployer-rbac.yaml grants that group the kinds
        // the deployer manages, and nothing else (no cluster-admin access policy is associated).
        ClusterAccess.entry(this, "ClusterAccess", settings, role, KUBERNETES_GROUP);
    }
}
