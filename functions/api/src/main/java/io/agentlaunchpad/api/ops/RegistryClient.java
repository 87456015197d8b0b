package io.agentlaunchpad.api.ops;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

import java.time.Duration;

/** The ECR client of the API's registry probe and scan route, built once per container. */
public class RegistryClient {

    @Produces
    @Singleton
    public Region region(RegistryConfig config) {
        return config.region().map(Region::of)
                .orElseGet(() -> new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion());
    }

    @Produces
    @Singleton
    public io.agentlaunchpad.scan.ImageScanner imageScanner(EcrClient ecr, io.agentlaunchpad.scan.ImagesConfig images,
                                                             Region region) {
        return new io.agentlaunchpad.scan.ecr.EcrImageScanner(ecr, images, region);
    }

    @Produces
    @Singleton
    public EcrClient ecr(RegistryConfig config, Region region) {
        EcrClientBuilder builder = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(2)));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        builder.region(region);
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())));
        }
        return builder.build();
    }
}
