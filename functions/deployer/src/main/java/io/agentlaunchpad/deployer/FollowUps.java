package io.agentlaunchpad.deployer;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The deployer's own delayed {@code CHECK} messages on the deploy queue. The delay backs off with the age of the
 * change: a quarter of the time since it was asked for, between the configured first delay and the maximum.
 */
@ApplicationScoped
public class FollowUps {

    private final SqsClient sqs;
    private final String queueUrl;
    private final DeployerConfig config;

    @Inject
    public FollowUps(SqsClient sqs, LaunchpadConfig launchpad, DeployerConfig config) {
        this.sqs = sqs;
        this.queueUrl = launchpad.queue().deployUrl();
        this.config = config;
    }

    public void check(String agentId, long generation, String requestId, Instant changedAt, Instant now) {
        Duration delay = delay(changedAt, now);
        DeployCommand command = new DeployCommand(CommandType.CHECK, agentId, generation, requestId, now.toString());
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(Json.write(command))
                .delaySeconds((int) delay.toSeconds())
                .messageAttributes(Map.of(
                        "type", MessageAttributeValue.builder().dataType("String").stringValue("CHECK").build(),
                        "agentId", MessageAttributeValue.builder().dataType("String").stringValue(agentId).build()))
                .build());
    }

    Duration delay(Instant changedAt, Instant now) {
        Duration age = changedAt == null ? Duration.ZERO : Duration.between(changedAt, now);
        Duration quarter = age.dividedBy(4);
        Duration delay = quarter.compareTo(config.checkDelay()) < 0 ? config.checkDelay() : quarter;
        Duration max = config.checkMaxDelay().compareTo(Duration.ofMinutes(15)) > 0 ? Duration.ofMinutes(15)
                : config.checkMaxDelay();
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
