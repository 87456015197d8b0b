package io.agentlaunchpad.deploy;

import java.util.Map;

/**
 * A queue with its dead-letter queue, described once for the tests, the local platform and the infrastructure.
 * After {@code maxReceiveCount} failed receives a message moves to the DLQ, where the deployer's DLQ handling
 * marks the agent FAILED.
 */
public record QueueDefinition(String baseName, int visibilityTimeoutSeconds, int maxReceiveCount,
                              int retentionSeconds, int dlqRetentionSeconds) {

    /**
     * Deploy commands. Standard (not FIFO): per-message delays carry the readiness follow-ups, and the deployer is
     * idempotent, so at-least-once delivery is enough. The visibility timeout exceeds the deployer's Lambda timeout.
     */
    public static final QueueDefinition DEPLOY = new QueueDefinition("deploy", 180, 5, 4 * 24 * 3600, 14 * 24 * 3600);

    /** The same queue with messages back this soon after a failed receive: the local platform's, for bounded suites. */
    public QueueDefinition withVisibilityTimeout(int seconds) {
        return new QueueDefinition(baseName, seconds, maxReceiveCount, retentionSeconds, dlqRetentionSeconds);
    }

    public String queueName(String prefix) {
        return prefix + baseName;
    }

    public String dlqName(String prefix) {
        return prefix + baseName + "-dlq";
    }

    public Map<String, String> redrivePolicy(String dlqArn) {
        return Map.of("deadLetterTargetArn", dlqArn, "maxReceiveCount", Integer.toString(maxReceiveCount));
    }
}
