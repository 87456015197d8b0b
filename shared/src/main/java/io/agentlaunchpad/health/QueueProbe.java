package io.agentlaunchpad.health;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code queue} (this design's stand-in for the seed's {@code redis}): the deploy queue's depth and, found through
 * its redrive policy, its DLQ's. Messages in the DLQ are deploys that failed every retry: DEGRADED.
 */
@ApplicationScoped
public class QueueProbe implements ComponentProbe {

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public QueueProbe(SqsClient sqs, LaunchpadConfig config) {
        this(sqs, config.queue().deployUrl());
    }

    public QueueProbe(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Result probe() throws Exception {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.REDRIVE_POLICY)).attributes();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("depth", Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
        fields.put("inFlight", Long.parseLong(attributes.getOrDefault(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
        String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        Long dlqDepth = null;
        if (redrive != null) {
            String arn = Json.tree(redrive).path("deadLetterTargetArn").asText("");
            String dlqName = arn.substring(arn.lastIndexOf(':') + 1);
            if (!dlqName.isEmpty()) {
                String dlqUrl = sqs.getQueueUrl(r -> r.queueName(dlqName)).queueUrl();
                dlqDepth = Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                        .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            }
        }
        fields.put("dlqDepth", dlqDepth);
        return new Result(dlqDepth != null && dlqDepth > 0 ? HealthService.DEGRADED : HealthService.HEALTHY, fields);
    }
}
