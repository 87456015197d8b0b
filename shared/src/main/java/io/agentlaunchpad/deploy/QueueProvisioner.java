package io.agentlaunchpad.deploy;

import io.agentlaunchpad.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** Creates a queue and its DLQ with the redrive of its definition (tests and the local platform). */
public final class QueueProvisioner {

    public record QueueUrls(String queueUrl, String dlqUrl) {
    }

    private QueueProvisioner() {
    }

    public static QueueUrls create(SqsClient sqs, QueueDefinition queue, String prefix) {
        String dlqUrl = sqs.createQueue(CreateQueueRequest.builder()
                .queueName(queue.dlqName(prefix))
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        Integer.toString(queue.dlqRetentionSeconds())))
                .build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(CreateQueueRequest.builder()
                .queueName(queue.queueName(prefix))
                .attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()),
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.retentionSeconds()),
                        QueueAttributeName.REDRIVE_POLICY, Json.write(queue.redrivePolicy(dlqArn))))
                .build()).queueUrl();
        return new QueueUrls(queueUrl, dlqUrl);
    }
}
