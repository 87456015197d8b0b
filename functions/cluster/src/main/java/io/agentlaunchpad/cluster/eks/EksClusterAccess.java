package io.agentlaunchpad.cluster.eks;

import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.time.Clock;

/**
 * In {@code eks} mode, points the Kubernetes client at the EKS API server with the token built from the Lambda's
 * own IAM role: no kubectl, no exec plugin. The endpoint and CA come from configuration or
 * {@code eks:DescribeCluster}. In {@code kubeconfig} mode it leaves the client's configuration alone, and builds
 * no AWS client at all. Both Lambdas that reach the cluster (api and deployer) get it from this library.
 */
@ApplicationScoped
public class EksClusterAccess implements KubernetesConfigCustomizer {

    private final ClusterConfig config;
    private final Clock clock;
    private EksClient eks;
    private AwsCredentialsProvider credentials;
    private Region region;

    @Inject
    public EksClusterAccess(ClusterConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public EksClusterAccess(ClusterConfig config, EksClient eks, AwsCredentialsProvider credentials, Region region,
                            Clock clock) {
        this.config = config;
        this.eks = eks;
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void customize(Config client) {
        if (!"eks".equalsIgnoreCase(config.mode())) {
            return;
        }
        ClusterConfig.Eks settings = config.eks();
        if (eks == null) {
            credentials = DefaultCredentialsProvider.builder().build();
            region = settings.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
            var builder = EksClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .credentialsProvider(credentials).region(region);
            settings.apiEndpointOverride().ifPresent(builder::endpointOverride);
            eks = builder.build();
        }
        String name = settings.clusterName().orElseThrow(() ->
                new IllegalStateException("launchpad.cluster.eks.cluster-name is required in eks mode"));
        Region clusterRegion = settings.region().map(Region::of).orElse(region);
        String endpoint = settings.endpoint().orElse(null);
        String ca = settings.certificateAuthorityData().orElse(null);
        if (endpoint == null || ca == null) {
            Cluster cluster = eks.describeCluster(r -> r.name(name)).cluster();
            endpoint = endpoint == null ? cluster.endpoint() : endpoint;
            ca = ca == null ? cluster.certificateAuthority().data() : ca;
        }
        EksToken token = new EksToken(name, clusterRegion, credentials, clock);
        client.setMasterUrl(endpoint);
        client.setCaCertData(ca);
        client.setTrustCerts(false);
        client.setOauthToken(null);
        client.setOauthTokenProvider(token::get);
    }
}
