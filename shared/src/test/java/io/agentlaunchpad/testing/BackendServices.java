package io.agentlaunchpad.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the tests' DynamoDB and SQS live: the emulators, LocalStack, or a real AWS account.
 *
 * @param clientConfig           the client settings that point the functions at these services (endpoints, region,
 *                               credentials)
 * @param removeResourcesOnClose whether what the tests created must be deleted one by one at the end (true for a
 *                               shared, real account)
 * @param stop                   what else stops after the clients are closed (the emulators, the container)
 */
record BackendServices(DynamoDbClient dynamo, SqsClient sqs, Map<String, String> clientConfig,
                       boolean removeResourcesOnClose, AutoCloseable stop) implements AutoCloseable {

    /** The settings of clients that reach the services at endpoints of their own, with static credentials. */
    static Map<String, String> endpoints(URI dynamo, URI sqs, String region, String accessKey, String secretKey) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", dynamo.toString());
        config.put("quarkus.dynamodb.aws.region", region);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", accessKey);
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", secretKey);
        config.put("launchpad.sqs.endpoint-override", sqs.toString());
        config.put("launchpad.sqs.region", region);
        config.put("launchpad.sqs.access-key-id", accessKey);
        config.put("launchpad.sqs.secret-access-key", secretKey);
        return config;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("backend services did not stop", e);
        }
    }
}
