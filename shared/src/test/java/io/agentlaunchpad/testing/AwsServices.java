package io.agentlaunchpad.testing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** The caller's AWS account, with the SDK's default credentials and region. */
final class AwsServices {

    private AwsServices() {
    }

    static BackendServices start() {
        return new BackendServices(
                DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                Map.of(), true, () -> {
                });
    }
}
