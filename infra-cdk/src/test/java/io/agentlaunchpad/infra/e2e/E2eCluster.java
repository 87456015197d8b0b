package io.agentlaunchpad.infra.e2e;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.eks.EksClusterAccess;
import io.agentlaunchpad.identity.UserIds;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack test's way into the EKS cluster: the fabric8 client with the bearer token built from the caller's own
 * credentials by {@link EksClusterAccess}, the very code the Lambdas reach the cluster with (no kubectl, no
 * kubeconfig, no exec plugin). The caller needs cluster-admin rights through an access entry of its own.
 */
final class E2eCluster {

    private E2eCluster() {
    }

    /** The cluster adapter's settings in {@code eks} mode for {@code cluster}, every other one at its default. */
    static ClusterConfig settings(String cluster, Region region) {
        return new SmallRyeConfigBuilder()
                // Quarkus's duration syntax (probe-timeout 2S), as the functions read it.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(ClusterConfig.class)
                .withDefaultValue("launchpad.cluster.mode", "eks")
                .withDefaultValue("launchpad.cluster.eks.cluster-name", cluster)
                .withDefaultValue("launchpad.cluster.eks.region", region.id())
                .build()
                .getConfigMapping(ClusterConfig.class);
    }

    /** The client configuration: the API server and CA from {@code eks:DescribeCluster}, the token from the caller. */
    static Config config(String cluster, Region region, EksClient eks, AwsCredentialsProvider credentials) {
        Config config = Config.empty();
        new EksClusterAccess(settings(cluster, region), eks, credentials, region, Clock.systemUTC()).customize(config);
        return config;
    }

    static KubernetesClient connect(String cluster, Region region, EksClient eks, AwsCredentialsProvider credentials) {
        return new KubernetesClientBuilder().withConfig(config(cluster, region, eks, credentials)).build();
    }

    /** Why the stack cannot use {@code cluster}, if it cannot: it must be ACTIVE and take access entries. */
    static Optional<String> problem(Cluster cluster) {
        if (cluster.status() != ClusterStatus.ACTIVE) {
            return Optional.of("EKS cluster " + cluster.name() + " is " + cluster.statusAsString() + ", not ACTIVE");
        }
        AuthenticationMode mode = cluster.accessConfig() == null ? null : cluster.accessConfig().authenticationMode();
        if (mode != AuthenticationMode.API && mode != AuthenticationMode.API_AND_CONFIG_MAP) {
            return Optional.of("EKS cluster " + cluster.name() + " has authentication mode "
                    + (mode == null ? "CONFIG_MAP" : cluster.accessConfig().authenticationModeAsString())
                    + ": the stack's access entries need API or API_AND_CONFIG_MAP");
        }
        return Optional.empty();
    }

    /** The owner namespace the deployer puts the agents of {@code username} in (the cluster adapter's naming). */
    static String ownerNamespace(String username) {
        return AgentNames.namespace(settings("unused", Region.US_EAST_1).namespacePrefix(), UserIds.of(username));
    }

    /**
     * The access entry each role of the stack's outputs must have: the deployer's role in the group
     * deployer-rbac.yaml binds, each cluster-reading route's role in the group reader-rbac.yaml binds, each messages
     * route's role in the messenger group (bound by the deployer inside owner namespaces only).
     */
    static Map<String, String> expectedAccessEntries(StackOutputs outputs, ClusterRbac rbac) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(outputs.deployerRoleArn(), rbac.groupBoundIn("deployer-rbac.yaml"));
        String readers = rbac.groupBoundIn("reader-rbac.yaml");
        outputs.clusterReaderRoleArns().forEach(arn -> entries.put(arn, readers));
        outputs.clusterMessengerRoleArns().forEach(arn -> entries.put(arn, ClusterRbac.MESSENGER_GROUP));
        return entries;
    }
}
