package io.agentlaunchpad.deployer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/** The deployer's ECR client, built once per container with the URL-connection HTTP client (EKS: EksClusterAccess). */
public class DeployerClients {

    @Produces
    @Singleton
    public AwsCredentialsProvider credentials(DeployerConfig config) {
        DeployerConfig.Aws aws = config.aws();
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId().get(),
                    aws.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Produces
    @Singleton
    public Region region(DeployerConfig config) {
        return config.aws().region().map(Region::of)
                .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
    }

    @Produces
    @Singleton
    public EcrClient ecr(DeployerConfig config, AwsCredentialsProvider credentials, Region region) {
        EcrClientBuilder builder = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials).region(region);
        config.aws().ecrEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    public io.agentlaunchpad.scan.ImageScanner imageScanner(EcrClient ecr, io.agentlaunchpad.scan.ImagesConfig images,
                                                             Region region) {
        return new io.agentlaunchpad.scan.ecr.EcrImageScanner(ecr, images, region);
    }
}
