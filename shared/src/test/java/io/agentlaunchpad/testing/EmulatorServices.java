package io.agentlaunchpad.testing;

import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** dynalite and ElasticMQ, started fresh for one test run. */
final class EmulatorServices implements BackendServices {

    final Dynalite dynalite;
    final ElasticMq elasticMq;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;

    private EmulatorServices(Dynalite dynalite, ElasticMq elasticMq) {
        this.dynalite = dynalite;
        this.elasticMq = elasticMq;
        this.dynamo = dynalite.client();
        this.sqs = elasticMq.client();
    }

    static EmulatorServices start() {
        Dynalite dynalite = Dynalite.start();
        try {
            return new EmulatorServices(dynalite, ElasticMq.start());
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
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
        return endpoints(dynalite.endpoint(), elasticMq.endpoint(), Dynalite.REGION, "test", "test");
    }

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
    public boolean removeResourcesOnClose() {
        return false;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        elasticMq.close();
        dynalite.close();
    }
}
