package io.agentlaunchpad.testing;

import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.tables.TableDefinition;
import io.agentlaunchpad.tables.TableProvisioner;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real backends of one test run (see {@link TestBackend}): the platform's tables and queues created under a
 * prefix of their own by the same definitions production uses, and a fresh sealing key.
 */
public final class Backends implements AutoCloseable {

    public final TestBackend kind;
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final String prefix;
    public final QueueProvisioner.QueueUrls deployQueue;
    public final String sealingKey;
    private final BackendServices services;

    private Backends(TestBackend kind) {
        this.kind = kind;
        this.services = kind.start();
        this.dynamo = services.dynamo();
        this.sqs = services.sqs();
        this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try {
            TableProvisioner.createAll(dynamo, prefix);
            this.deployQueue = QueueProvisioner.create(sqs, QueueDefinition.DEPLOY, prefix);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.sealingKey = Base64.getEncoder().encodeToString(key);
    }

    public static Backends start() {
        return new Backends(TestBackend.current());
    }

    /** The configuration that points the functions at these backends. */
    public Map<String, String> config() {
        Map<String, String> config = new HashMap<>(services.clientConfig());
        config.put("launchpad.tables.prefix", prefix);
        config.put("launchpad.queue.deploy-url", deployQueue.queueUrl());
        config.put("launchpad.sealing.key", sealingKey);
        return config;
    }

    @Override
    public void close() {
        try {
            if (services.removeResourcesOnClose()) {
                for (TableDefinition table : Tables.ALL) {
                    dynamo.deleteTable(b -> b.tableName(table.tableName(prefix)));
                }
                sqs.deleteQueue(b -> b.queueUrl(deployQueue.queueUrl()));
                sqs.deleteQueue(b -> b.queueUrl(deployQueue.dlqUrl()));
            }
        } finally {
            services.close();
        }
    }
}
