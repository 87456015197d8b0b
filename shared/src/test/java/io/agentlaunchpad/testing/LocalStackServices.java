package io.agentlaunchpad.testing;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** DynamoDB and SQS in a LocalStack container (needs a Docker engine; the Maven profile checks for one first). */
final class LocalStackServices {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private LocalStackServices() {
    }

    static BackendServices start() {
        LocalStackContainer container = new LocalStackContainer(IMAGE)
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);
        container.start();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new BackendServices(dynamo, sqs, BackendServices.endpoints(container.getEndpoint(),
                container.getEndpoint(), container.getRegion(), container.getAccessKey(), container.getSecretKey()),
                false, container::stop);
    }
}
