package io.agentlaunchpad.scan.ecr;

import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ImagesConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/** The one ECR client of a process, from {@link RegistryConfig}, built once per container; and its scanner. */
public class RegistryClients {

    @Produces
    @Singleton
    public EcrClient ecr(RegistryConfig config) {
        return build(config);
    }

    @Produces
    @Singleton
    public ImageScanner imageScanner(EcrClient ecr, ImagesConfig images) {
        return new EcrImageScanner(ecr, images, ecr.serviceClientConfiguration().region());
    }

    /** With the URL-connection HTTP client; the default credential chain unless static keys are configured. */
    public static EcrClient build(RegistryConfig config) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        config.timeout().ifPresent(t -> http.connectionTimeout(t).socketTimeout(t));
        EcrClientBuilder builder = EcrClient.builder().httpClientBuilder(http)
                .region(config.region().map(Region::of)
                        .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion()));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())));
        }
        return builder.build();
    }
}
