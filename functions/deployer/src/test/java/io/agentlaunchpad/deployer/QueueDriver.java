package io.agentlaunchpad.deployer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.agentlaunchpad.testing.Backends;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the Lambda event source mapping against ElasticMQ: receives deploy commands, hands each to the function
 * as an SQS record, deletes it when the function succeeds and makes it visible again at once when it throws, so
 * the queue's real redrive moves it to the DLQ after the receive limit.
 */
final class QueueDriver {

    private final Backends backends;
    private final DeployFunctions functions;
    final List<String> bodies = new ArrayList<>();
    int failures;

    QueueDriver(Backends backends, DeployFunctions functions) {
        this.backends = backends;
        this.functions = functions;
    }

    /** Delivers every message visible now, and those made visible again by a failure, until none is left. */
    int deliverReady() {
        int delivered = 0;
        List<Message> batch;
        while (!(batch = receive(0)).isEmpty()) {
            for (Message message : batch) {
                deliver(message);
                delivered++;
            }
            if (delivered > 200) {
                throw new IllegalStateException("the queue does not drain");
            }
        }
        return delivered;
    }

    /** Waits (long poll) for a delayed follow-up, delivers it and everything else that is visible. */
    int deliverNext() {
        int delivered = 0;
        for (Message message : receive(5)) {
            deliver(message);
            delivered++;
        }
        return delivered + deliverReady();
    }

    void purge() {
        backends.sqs.purgeQueue(PurgeQueueRequest.builder().queueUrl(backends.deployQueue.queueUrl()).build());
    }

    List<Message> dlq() {
        return backends.sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(backends.deployQueue.dlqUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(0).build()).messages();
    }

    private List<Message> receive(int waitSeconds) {
        return backends.sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(backends.deployQueue.queueUrl())
                .maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .build()).messages();
    }

    private void deliver(Message message) {
        bodies.add(message.body());
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setEventSource("aws:sqs");
        Map<String, String> attributes = new HashMap<>();
        attributes.putAll(message.attributesAsStrings());
        record.setAttributes(attributes);
        try {
            functions.deploy(record);
            backends.sqs.deleteMessage(b -> b.queueUrl(backends.deployQueue.queueUrl())
                    .receiptHandle(message.receiptHandle()));
        } catch (RuntimeException e) {
            failures++;
            backends.sqs.changeMessageVisibility(b -> b.queueUrl(backends.deployQueue.queueUrl())
                    .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
    }
}
