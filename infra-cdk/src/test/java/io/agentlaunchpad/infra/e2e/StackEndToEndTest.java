package io.agentlaunchpad.infra.e2e;

import io.agentlaunchpad.infra.LaunchpadApp;
import io.agentlaunchpad.keys.KeyViews;
import io.agentlaunchpad.sdk.AgentLaunchpadClient;
import io.agentlaunchpad.testing.AwsStackPrerequisites;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.agentlaunchpad.infra.e2e.StackRun.Phase.AFTER_DESTROY;
import static io.agentlaunchpad.infra.e2e.StackRun.Phase.BEFORE_DESTROY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform on AWS, end to end, with the caller's credentials ({@code -Paws-e2e}; skipped with the reason
 * when a prerequisite is missing, see {@link AwsStackPrerequisites}): a throw-away ephemeral stage of infra-cdk is
 * synthesised from the function.zip files this Maven run built and deployed with the pinned CDK CLI; its outputs
 * give the API URL, the tables' prefix, the plans and the roles the EKS access entries map; the cluster's RBAC is
 * applied; the first admin key is minted as the README says; the seed's creation flow runs over HTTPS until the
 * agent is DEPLOYED on the real cluster, scaled, read and deleted. Whatever happens, the stage is destroyed
 * ({@link StackRun}), and a destroy that fails says so loudly, naming the stack left behind.
 */
@Tag(AwsStackPrerequisites.TAG)
class StackEndToEndTest {

    private final AwsStackPrerequisites prerequisites = AwsStackPrerequisites.current();
    private final Path repo = prerequisites.repoRoot();
    private final CdkCli cdk = new CdkCli(prerequisites.cdkDirectory());
    private final Region region = Region.of(prerequisites.region());
    private final String clusterName = Objects.requireNonNullElse(prerequisites.cluster(), "").trim();
    private final String repository = Objects.requireNonNullElse(prerequisites.repository(), "").trim();
    private final E2eStage stage = E2eStage.random(prerequisites.cdkDirectory().resolve("target").resolve("e2e"));

    @Test
    void deploysTheStackDrivesTheSeedFlowOnEksAndDestroysTheStack() throws Exception {
        // BackendCondition skipped this test if a prerequisite is missing; whether the CLI installs, only trying tells.
        Optional<String> noCli = cdk.ensureInstalled();
        if (noCli.isPresent()) {
            banner("aws-e2e stack: SKIPPED - " + noCli.get() + " - the CDK stack was not deployed, nothing was proved on EKS");
            Assumptions.abort("aws-e2e stack: SKIPPED - " + noCli.get());
        }
        FunctionArtifacts artifacts = new FunctionArtifacts(repo.resolve("functions"));
        Optional<String> badArtifacts = artifacts.problem();
        if (badArtifacts.isPresent()) {
            banner("aws-e2e stack: RAN and FAILED before deploying - " + badArtifacts.get());
            throw new AssertionError(badArtifacts.get());
        }

        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        StackRun run = new StackRun(stage.stackName(), "in " + region + " on EKS cluster " + clusterName,
                StackEndToEndTest::log);
        StackRun.Outcome outcome;
        try (EksClient eks = EksClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials).region(region).build();
             EcrClient ecr = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                     .credentialsProvider(credentials).region(region).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                     .credentialsProvider(credentials).region(region).build();
             ApiGatewayClient apiGateway = ApiGatewayClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                     .credentialsProvider(credentials).region(region).build()) {
            outcome = run.run(() -> {
                run.step("preflight: the cluster takes access entries, the image is there", () -> {
                    preflight(eks, ecr);
                    return null;
                });
                String stackName = run.step("synth " + stage.stackName() + " into " + repo.relativize(stage.assembly()),
                        () -> LaunchpadApp.synth(stage.context(prerequisites, repo.resolve("functions"),
                                artifacts.nativeRuntime()), stage.assembly().toString()));
                assertThat(stackName).isEqualTo(stage.stackName());

                List<String> destroy = cdk.destroy(stage.assembly(), stage.stackName(), region.id());
                run.deployStarting(() -> cdk.run(destroy, "cdk destroy"), manualDestroy());
                run.step("cdk deploy", () -> {
                    List<String> deploy = cdk.deploy(stage.assembly(), stage.stackName(), region.id(), stage.outputsFile());
                    ProcessRun deployed = cdk.run(deploy, "cdk deploy");
                    if (!deployed.succeeded()) {
                        throw new AssertionError(deployed.summary(deploy));
                    }
                    return null;
                });
                StackOutputs outputs = run.step("read " + repo.relativize(stage.outputsFile()),
                        () -> StackOutputs.read(stage.outputsFile(), stage.stackName()));
                ClusterRbac rbac = ClusterRbac.load(prerequisites.cdkDirectory().resolve("k8s"));
                run.step("the stack's roles have their access entries", () -> {
                    E2eCluster.expectedAccessEntries(outputs, rbac).forEach((principal, group) ->
                            assertThat(eks.describeAccessEntry(b -> b.clusterName(clusterName).principalArn(principal))
                                    .accessEntry().kubernetesGroups()).as("groups of " + principal).containsExactly(group));
                    return null;
                });

                KubernetesClient cluster = run.step("connect to " + clusterName + " with the caller's EKS token",
                        () -> E2eCluster.connect(clusterName, region, eks, credentials));
                run.cleanup(AFTER_DESTROY, "close the cluster client", cluster::close);
                String namespace = E2eCluster.ownerNamespace(stage.adminUsername());
                run.cleanup(AFTER_DESTROY, "delete namespace " + namespace,
                        () -> cluster.namespaces().withName(namespace).delete());
                List<HasMetadata> created = new ArrayList<>();
                run.cleanup(AFTER_DESTROY, "remove the RBAC objects this run created",
                        () -> ClusterRbac.remove(cluster, created));
                run.step("apply infra-cdk/k8s/" + String.join(", ", ClusterRbac.FILES), () -> {
                    rbac.apply(cluster, created);
                    return null;
                });
                log("RBAC applied; created by this run: " + created.stream().map(ClusterRbac::describe).toList());

                KeyViews.Created admin = run.step("first admin key for " + stage.adminUsername(),
                        () -> FirstAdmin.create(dynamo, outputs.bootstrapEnvironment(), stage.adminUsername()));
                run.cleanup(BEFORE_DESTROY, "remove the admin key's API Gateway registration",
                        () -> log("API Gateway keys removed: " + FirstAdmin.removeRegistration(apiGateway, admin.keyId())));

                AgentLaunchpadClient client = AgentLaunchpadClient.builder().baseUrl(outputs.apiUrl())
                        .apiKey(admin.apiKey()).timeout(Duration.ofSeconds(30)).build();
                SeedFlow flow = new SeedFlow(client, StackEndToEndTest::log);
                run.cleanup(BEFORE_DESTROY, "delete the agent left behind", flow::deleteLeftover);
                run.step("the API accepts the key", () -> {
                    flow.awaitKeyAccepted();
                    return null;
                });
                run.step("seed flow over HTTPS on EKS", () -> {
                    flow.run(SeedFlow.createBody(repo.resolve("sdks").resolve("seed-curl-flow.sh")));
                    return null;
                });
                return null;
            });
        }
        banner(outcome.banner());
        outcome.rethrow();
    }

    /** Fails fast, before anything is deployed, on a cluster the stack cannot use or an image that is not there. */
    private void preflight(EksClient eks, EcrClient ecr) {
        Cluster described = eks.describeCluster(b -> b.name(clusterName)).cluster();
        E2eCluster.problem(described).ifPresent(problem -> {
            throw new AssertionError(problem);
        });
        String tag = AwsStackPrerequisites.imageTag();
        try {
            ecr.describeImages(b -> b.repositoryName(repository).imageIds(ImageIdentifier.builder().imageTag(tag).build()));
        } catch (EcrException e) {
            throw new AssertionError("ECR repository " + repository + " in " + region + " has no image tagged " + tag
                    + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    /** What an operator runs, from the repository root, when the test's destroy failed. */
    private String manualDestroy() {
        Path infra = prerequisites.cdkDirectory();
        return "cd infra-cdk && " + String.join(" ", cdk.destroy(infra.relativize(stage.assembly()), stage.stackName(),
                region.id())).replace(cdk.binary().toString(), "node_modules/.bin/cdk")
                + ", or: aws cloudformation delete-stack --region " + region + " --stack-name " + stage.stackName();
    }

    private static void banner(String line) {
        System.out.println("[test backend] " + line);
    }

    private static void log(String line) {
        System.out.println("[aws-e2e stack] " + line);
    }
}
