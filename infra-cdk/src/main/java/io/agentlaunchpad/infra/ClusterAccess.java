package io.agentlaunchpad.infra;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.eks.CfnAccessEntry;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * How a Lambda's role reaches the one EKS cluster: {@code launchpad.cluster.mode=eks} with the cluster's name
 * (io.agentlaunchpad.cluster.eks.EksClusterAccess builds the bearer token from the role), {@code eks:DescribeCluster}
 * on that cluster only (endpoint and CA), and an access entry putting the role in a Kubernetes group with no EKS
 * access policy: what the group may do is only what {@code k8s/<group>-rbac.yaml} binds to it. The deployer's role
 * is in {@link DeployerFunctions#KUBERNETES_GROUP}; the roles of the routes that read the cluster in
 * {@link #READER_GROUP}; the roles of the routes that talk to an agent in {@link #MESSENGER_GROUP}.
 */
final class ClusterAccess {

    /** The read-only group of the routes that read the cluster; {@code k8s/reader-rbac.yaml} binds it. */
    static final String READER_GROUP = "agent-launchpad-reader";
    /**
     * The group of the routes that talk to an agent (the messages routes): the API server's service proxy only
     * ({@code k8s/messenger-rbac.yaml}), bound by the deployer inside each owner namespace, nowhere cluster-wide.
     */
    static final String MESSENGER_GROUP = "agent-launchpad-messenger";

    private ClusterAccess() {
    }

    /** The environment of a function that talks to the cluster. */
    static Map<String, String> environment(LaunchpadSettings settings) {
        return Map.of(
                "LAUNCHPAD_CLUSTER_MODE", "eks",
                "LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME", settings.eksClusterName());
    }

    /** {@code eks:DescribeCluster} on the platform's cluster, nothing else of EKS. */
    static PolicyStatement describeCluster(Construct scope, LaunchpadSettings settings) {
        return PolicyStatement.Builder.create()
                .actions(List.of("eks:DescribeCluster"))
                .resources(List.of(Stack.of(scope).formatArn(ArnComponents.builder()
                        .service("eks").resource("cluster").resourceName(settings.eksClusterName()).build())))
                .build();
    }

    /** The role becomes the Kubernetes group {@code group}; no cluster-admin (or any other) access policy. */
    static CfnAccessEntry entry(Construct scope, String id, LaunchpadSettings settings, IRole role, String group) {
        return CfnAccessEntry.Builder.create(scope, id)
                .clusterName(settings.eksClusterName())
                .principalArn(role.getRoleArn())
                .kubernetesGroups(List.of(group))
                .type("STANDARD")
                .build();
    }
}
