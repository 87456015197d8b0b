package io.agentlaunchpad.infra;

import io.agentlaunchpad.deploy.QueueDefinition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The deploy command queue and its dead-letter queue, as {@link QueueDefinition#DEPLOY} describes them. */
public final class DeployQueues extends Construct {

    public final Queue queue;
    public final Queue deadLetters;

    public DeployQueues(Construct scope, String id, String prefix) {
        super(scope, id);
        QueueDefinition definition = QueueDefinition.DEPLOY;
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .queueName(definition.dlqName(prefix))
                .retentionPeriod(Duration.seconds(definition.dlqRetentionSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        queue = Queue.Builder.create(this, "Commands")
                .queueName(definition.queueName(prefix))
                .visibilityTimeout(Duration.seconds(definition.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.seconds(definition.retentionSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters)
                        .maxReceiveCount(definition.maxReceiveCount()).build())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
    }
}
