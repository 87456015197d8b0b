package io.agentlaunchpad.deploy.sqs;

import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.deploy.QueueUnavailableException;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/** Adapter: deploy commands as SQS messages on the deploy queue. */
@ApplicationScoped
public class SqsDeployQueue implements DeployQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public SqsDeployQueue(SqsClient sqs, LaunchpadConfig config) {
        this(sqs, config.queue().deployUrl());
    }

    public SqsDeployQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(DeployCommand command) {
        try {
            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(Json.write(command))
                    .messageAttributes(Map.of(
                            "type", MessageAttributeValue.builder().dataType("String").stringValue(command.type().name()).build(),
                            "agentId", MessageAttributeValue.builder().dataType("String").stringValue(command.agentId()).build()))
                    .build());
        } catch (SdkException e) {
            throw new QueueUnavailableException("the deploy queue did not accept " + command.type() + " for " + command.agentId(), e);
        }
    }
}
