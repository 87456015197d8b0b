package io.agentlaunchpad.testing;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.tables.TableProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real backends of one test run: dynalite and ElasticMQ started fresh, the platform's tables and queues created
 * under a prefix of their own by the same definitions production uses, and a fresh sealing key.
 */
public final class Backends implements AutoCloseable {

    public final Dynalite dynalite;
    public final ElasticMq elasticMq;
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final String prefix;
    public final QueueProvisioner.QueueUrls deployQueue;
    public final String sealingKey;

    private Backends() {
        Dynalite startedDynalite = Dynalite.start();
        ElasticMq startedMq;
        try {
            startedMq = ElasticMq.start();
        } catch (RuntimeException e) {
            startedDynalite.close();
            throw e;
        }
        this.dynalite = startedDynalite;
        this.elasticMq = startedMq;
        this.dynamo = dynalite.client();
        this.sqs = elasticMq.client();
        this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TableProvisioner.createAll(dynamo, prefix);
        this.deployQueue = QueueProvisioner.create(sqs, QueueDefinition.DEPLOY, prefix);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.sealingKey = Base64.getEncoder().encodeToString(key);
    }

    public static Backends start() {
        return new Backends();
    }

    /** The configuration that points the functions at these backends. */
    public Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", dynalite.endpoint().toString());
        config.put("quarkus.dynamodb.aws.region", Dynalite.REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
        config.put("launchpad.sqs.endpoint-override", elasticMq.endpoint().toString());
        config.put("launchpad.sqs.region", Dynalite.REGION);
        config.put("launchpad.sqs.access-key-id", "test");
        config.put("launchpad.sqs.secret-access-key", "test");
        config.put("launchpad.tables.prefix", prefix);
        config.put("launchpad.queue.deploy-url", deployQueue.queueUrl());
        config.put("launchpad.sealing.key", sealingKey);
        return config;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        elasticMq.close();
        dynalite.close();
    }
}
