package io.agentlaunchpad.infra.e2e;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessConfigResponse;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Certificate;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;

import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the stack test applies to the cluster and how it gets in, without a cluster: the README's RBAC objects from
 * infra-cdk/k8s, the groups the access entries of the stack's roles must name, the client configuration built from
 * DescribeCluster and the caller's credentials, and the namespace it removes after.
 */
class ClusterAccessInputsTest {

    static final Path K8S = Path.of(System.getProperty("repo.root", "..")).resolve("infra-cdk/k8s")
            .toAbsolutePath().normalize();

    @Test
    void theRbacObjectsOfTheReadmeSteps_rolesBeforeTheirBindings() {
        ClusterRbac rbac = ClusterRbac.load(K8S);
        assertThat(rbac.objects()).extracting(ClusterRbac::describe).containsExactly(
                "ClusterRole/agent-launchpad-deployer", "ClusterRoleBinding/agent-launchpad-deployer",
                "ClusterRole/agent-launchpad-deployer-namespaced",
                "ValidatingAdmissionPolicy/agent-launchpad-deployer-scope",
                "ValidatingAdmissionPolicyBinding/agent-launchpad-deployer-scope",
                "ClusterRole/agent-launchpad-reader", "ClusterRoleBinding/agent-launchpad-reader",
                "ClusterRole/agent-launchpad-reader-namespaced",
                "ClusterRole/agent-launchpad-messenger-namespaced");
        assertThat(rbac.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
        assertThat(rbac.groupBoundIn("deployer-rbac.yaml")).isEqualTo("agent-launchpad-deployer");
        assertThat(rbac.groupBoundIn("reader-rbac.yaml")).isEqualTo("agent-launchpad-reader");
        assertThatThrownBy(() -> rbac.groupBoundIn("messenger-rbac.yaml")).as("no cluster-wide messenger binding")
                .isInstanceOf(IllegalStateException.class);
        assertThat(ClusterRbac.MESSENGER_GROUP).isEqualTo("agent-launchpad-messenger");
        assertThat(ClusterRbac.FIELD_MANAGER).isEqualTo("agent-launchpad-e2e");
    }

    @Test
    void eachRoleOfTheOutputsMustBeInTheGroupItsYamlBinds() {
        StackOutputs outputs = new StackOutputs("AgentLaunchpad-e2e", Map.of(
                "DeployerRoleArn", "arn:aws:iam::1:role/deployer",
                "ClusterReaderRoleArns", "arn:aws:iam::1:role/status, arn:aws:iam::1:role/logs",
                "ClusterMessengerRoleArns", "arn:aws:iam::1:role/send,arn:aws:iam::1:role/read"));
        assertThat(E2eCluster.expectedAccessEntries(outputs, ClusterRbac.load(K8S))).containsExactly(
                Map.entry("arn:aws:iam::1:role/deployer", "agent-launchpad-deployer"),
                Map.entry("arn:aws:iam::1:role/status", "agent-launchpad-reader"),
                Map.entry("arn:aws:iam::1:role/logs", "agent-launchpad-reader"),
                Map.entry("arn:aws:iam::1:role/send", "agent-launchpad-messenger"),
                Map.entry("arn:aws:iam::1:role/read", "agent-launchpad-messenger"));
    }

    @Test
    void theClientReachesTheApiServerOfDescribeCluster_withATokenOfTheCallersCredentials() throws Exception {
        List<String> asked = new ArrayList<>();
        EksClient eks = (EksClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{EksClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeCluster" -> {
                        asked.add(String.valueOf(args[0]));
                        yield DescribeClusterResponse.builder().cluster(Cluster.builder().name("agents")
                                .endpoint("https://ABC.gr7.eu-west-1.eks.amazonaws.com")
                                .certificateAuthority(Certificate.builder().data("Q0EtREFUQQ==").build()).build()).build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "eks";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Config config = E2eCluster.config("agents", Region.EU_WEST_1, eks,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));

        assertThat(asked).hasSize(1);
        assertThat(config.getMasterUrl()).startsWith("https://ABC.gr7.eu-west-1.eks.amazonaws.com");
        assertThat(config.getCaCertData()).isEqualTo("Q0EtREFUQQ==");
        assertThat(config.isTrustCerts()).isFalse();
        String token = config.getOauthTokenProvider().getToken();
        assertThat(token).startsWith("k8s-aws-v1.");
        String url = URLDecoder.decode(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(url).startsWith("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity")
                .contains("X-Amz-Credential=AKIDEXAMPLE/").contains("X-Amz-SignedHeaders=host;x-k8s-aws-id");
    }

    @Test
    void aClusterWithoutAccessEntriesOrNotActive_isRefusedBeforeDeploying() {
        Cluster.Builder cluster = Cluster.builder().name("agents").status(ClusterStatus.ACTIVE);
        assertThat(E2eCluster.problem(cluster.accessConfig(AccessConfigResponse.builder()
                .authenticationMode(AuthenticationMode.API_AND_CONFIG_MAP).build()).build())).isEmpty();
        assertThat(E2eCluster.problem(cluster.accessConfig(AccessConfigResponse.builder()
                .authenticationMode(AuthenticationMode.API).build()).build())).isEmpty();
        assertThat(E2eCluster.problem(cluster.accessConfig(AccessConfigResponse.builder()
                .authenticationMode(AuthenticationMode.CONFIG_MAP).build()).build()))
                .contains("EKS cluster agents has authentication mode CONFIG_MAP: the stack's access entries need API or API_AND_CONFIG_MAP");
        assertThat(E2eCluster.problem(cluster.status(ClusterStatus.UPDATING).build()))
                .contains("EKS cluster agents is UPDATING, not ACTIVE");
    }

    @Test
    void theNamespaceRemovedAfterIsTheRunsOwnAdminsOnly() {
        String namespace = E2eCluster.ownerNamespace("e2e-admin-e2eab12cd34");
        assertThat(namespace).matches("agents-user-[0-9a-f]{32}");
        assertThat(E2eCluster.ownerNamespace("e2e-admin-e2eother0")).isNotEqualTo(namespace);
    }
}
