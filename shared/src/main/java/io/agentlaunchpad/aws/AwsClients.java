package io.agentlaunchpad.aws;

import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import java.time.Clock;

/**
 * Clients built once per container and reused by every invocation. The SQS client is ours rather than the
 * Quarkiverse extension's: no release of that extension matches the DynamoDB one this build uses.
 */
public class AwsClients {

    @Produces
    @Singleton
    public SqsClient sqs(LaunchpadConfig config) {
        LaunchpadConfig.Sqs settings = config.sqs();
        SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get())));
        }
        return builder.build();
    }

    @Produces
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
