package io.agentlaunchpad.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/** Where the tests' DynamoDB and SQS live: the emulators, LocalStack, or a real AWS account. */
interface BackendServices extends AutoCloseable {

    DynamoDbClient dynamo();

    SqsClient sqs();

    /** The client settings that point the functions at these services (endpoints, region, credentials). */
    Map<String, String> clientConfig();

    /** Whether what the tests created must be deleted one by one at the end (true for a shared, real account). */
    boolean removeResourcesOnClose();

    @Override
    void close();
}
