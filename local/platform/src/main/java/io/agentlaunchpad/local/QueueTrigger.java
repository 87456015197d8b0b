package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SQS event source mapping: long-polls the queue for batches, hands each record to the function the way
 * Funqy's SQS handling does (one record per call), deletes what succeeded and leaves the failures to come back
 * after the visibility timeout — the queue's redrive moves them to the DLQ after its receive limit. This is
 * {@code ReportBatchItemFailures}: one failed record never re-runs the others. {@link DeliveryFaults} add SQS's
 * at-least-once delivery on demand: a record handed over twice, or made visible again instead of deleted.
 */
final class QueueTrigger implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.of("trigger");

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final FunctionRegistry functions;
    private final String function;
    private final int batchSize;
    private final DeliveryFaults faults;
    private final Thread poller;
    private volatile boolean running = true;

    QueueTrigger(SqsClient sqs, String queueUrl, String queueArn, FunctionRegistry functions, String function,
                 int batchSize, DeliveryFaults faults) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.functions = functions;
        this.function = function;
        this.batchSize = batchSize;
        this.faults = faults;
        this.poller = new Thread(this::poll, "sqs-trigger-" + function);
        this.poller.setDaemon(true);
    }

    void start() {
        poller.start();
    }

    /** One receive-and-run cycle; returns how many records ran. */
    int pollOnce(int waitSeconds) {
        ReceiveMessageResponse received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"));
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        List<ChangeMessageVisibilityBatchRequestEntry> again = new ArrayList<>();
        for (Message message : received.messages()) {
            try {
                String record = record(message).toString();
                functions.invoke(function, record);
                if (faults.deliverTwice()) {
                    functions.invoke(function, record);
                }
                if (faults.redeliverAfterSuccess()) {
                    again.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(0).build());
                } else {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).build());
                }
            } catch (RuntimeException e) {
                LOG.warn("record failed, left for redelivery", Map.of("function", function,
                        "messageId", message.messageId(), "error", e.getClass().getSimpleName()
                                + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")")));
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        if (!again.isEmpty()) {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(again));
        }
        return received.messages().size();
    }

    private void poll() {
        while (running) {
            try {
                pollOnce(1);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("queue poll failed", Map.of("error", e.getClass().getSimpleName()));
                    sleep(1000);
                }
            }
        }
    }

    /** The record of a Lambda SQS event, as Lambda builds it. */
    private ObjectNode record(Message message) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> {
            ObjectNode attribute = messageAttributes.putObject(name);
            attribute.put("stringValue", value.stringValue());
            attribute.put("dataType", value.dataType());
            attribute.putArray("stringListValues");
            attribute.putArray("binaryListValues");
        });
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", "us-east-1");
        return record;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
