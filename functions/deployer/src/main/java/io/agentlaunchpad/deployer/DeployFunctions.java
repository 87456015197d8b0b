package io.agentlaunchpad.deployer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.json.Json;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;

import java.util.Map;

/**
 * The deployer's two Lambdas, chosen by QUARKUS_FUNQY_EXPORT. {@code deploy}: Funqy hands it one SQS record at a
 * time and reports a thrown record in {@code batchItemFailures} (the event source mapping must enable
 * ReportBatchItemFailures); SQS redelivers it, and after the queue's receive limit moves it to the DLQ.
 * {@code reconcile}: run on a schedule.
 */
public class DeployFunctions {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private final Deployer deployer;
    private final Reconciler reconciler;
    private final DeployerConfig config;

    @Inject
    public DeployFunctions(Deployer deployer, Reconciler reconciler, DeployerConfig config) {
        this.deployer = deployer;
        this.reconciler = reconciler;
        this.config = config;
    }

    @Funq
    public void deploy(SQSEvent.SQSMessage message) {
        DeployCommand command = Json.read(message.getBody(), DeployCommand.class);
        if (command.type() == null || command.agentId() == null) {
            throw new IllegalArgumentException("not a deploy command: message " + message.getMessageId());
        }
        MDC.put(JsonLog.AGENT_ID, command.agentId());
        MDC.put(JsonLog.REQUEST_ID, command.requestId() == null ? message.getMessageId() : command.requestId());
        try {
            deployer.handle(command);
        } catch (RuntimeException e) {
            int attempts = receiveCount(message);
            LOG.error("command failed", Map.of("command", command.type().name(), "attempt", attempts,
                    "kubernetesStatus", e instanceof KubernetesClientException k ? k.getCode() : 0), e);
            if (attempts >= config.maxReceiveCount()) {
                deployer.giveUp(command, attempts, e);
            }
            throw e;
        } finally {
            MDC.remove(JsonLog.AGENT_ID);
            MDC.remove(JsonLog.REQUEST_ID);
        }
    }

    @Funq
    public Reconciler.Report reconcile() {
        return reconciler.run();
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return message.getAttributes() == null ? 1
                    : Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
