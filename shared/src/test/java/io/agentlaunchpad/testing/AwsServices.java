package io.agentlaunchpad.testing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** The caller's AWS account, with the SDK's default credentials and region. */
final class AwsServices implements BackendServices {

    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    private final SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();

    static AwsServices start() {
        return new AwsServices();
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
        return Map.of();
    }

    @Override
    public boolean removeResourcesOnClose() {
        return true;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
    }
}
