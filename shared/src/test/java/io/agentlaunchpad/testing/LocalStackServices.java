package io.agentlaunchpad.testing;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** DynamoDB and SQS in a LocalStack container (needs a Docker engine; the Maven profile checks for one first). */
final class LocalStackServices implements BackendServices {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private final LocalStackContainer container;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;

    private LocalStackServices(LocalStackContainer container) {
        this.container = container;
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
        this.dynamo = DynamoDbClient.builder().endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.sqs = SqsClient.builder().endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static LocalStackServices start() {
        LocalStackContainer container = new LocalStackContainer(IMAGE)
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);
        container.start();
        return new LocalStackServices(container);
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public Map<String, String> clientConfig() {
        return EmulatorServices.endpoints(container.getEndpoint(), container.getEndpoint(), container.getRegion(),
                container.getAccessKey(), container.getSecretKey());
    }

    @Override
    public boolean removeResourcesOnClose() {
        return false;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        container.stop();
    }
}
