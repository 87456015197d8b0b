package io.agentlaunchpad.testing;

import io.agentlaunchpad.deploy.QueueProvisioner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link Backends} for the tests of one class outside Quarkus: started before the first, closed after the last.
 * Register it on a static field:
 * {@code @RegisterExtension static final BackendsExtension backends = new BackendsExtension();}
 * (Quarkus tests use {@link BackendsResource} instead).
 */
public final class BackendsExtension implements BeforeAllCallback, AfterAllCallback {

    private Backends running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = Backends.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public Backends get() {
        if (running == null) {
            throw new IllegalStateException("the backends run only while the class that registers them runs");
        }
        return running;
    }

    public DynamoDbClient dynamo() {
        return get().dynamo;
    }

    public SqsClient sqs() {
        return get().sqs;
    }

    public String prefix() {
        return get().prefix;
    }

    public QueueProvisioner.QueueUrls deployQueue() {
        return get().deployQueue;
    }

    public String sealingKey() {
        return get().sealingKey;
    }
}
