package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentCounts;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.agents.dynamodb.DynamoRevisionStore;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.limits.dynamodb.DynamoResourceQuotas;
import io.agentlaunchpad.limits.Limits;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.testing.TestConfig;
import io.agentlaunchpad.deploy.sqs.SqsDeployQueue;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.idempotency.dynamodb.DynamoIdempotencyStore;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.secrets.AesGcmSecretSealer;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.testing.BackendsExtension;
import io.agentlaunchpad.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** When the queue refuses a command, nothing is left half-done and a retry finishes the job. */
class AgentServiceRecoveryTest {

    @RegisterExtension
    static final BackendsExtension backends = new BackendsExtension();
    final DynamoAgentStore store = DynamoAgentStore.inTables(backends.dynamo(), backends.prefix());

    static AgentSettings rules() {
        return new AgentSettings(Set.of("@elizaos/plugin-discord", "@elizaos/plugin-web3"), "1Gi", "500m", 1, "512Mi",
                "16Gi", "100m", "8", 10, "agents.example.com", "5-10 minutes", 100, 10_000, Duration.ofHours(24));
    }

    AgentService service(String queueUrl) {
        return new AgentService(store, new SqsDeployQueue(backends.sqs(), queueUrl),
                new DynamoIdempotencyStore(tables(), Clock.systemUTC()),
                new PlatformVault(new AesGcmSecretSealer(Base64.getDecoder().decode(backends.sealingKey()))),
                rules(), Clock.systemUTC(), quotas(), history(), AgentServicePorts.NONE);
    }

    static RevisionHistory history() {
        return new RevisionHistory(new DynamoRevisionStore(tables()), 20);
    }

    static ResourceQuotas quotas() {
        LaunchpadConfig config = TestConfig.launchpad(backends.get(), Map.of());
        return new DynamoResourceQuotas(tables(), new Limits(config));
    }

    static TableSet tables() {
        return new TableSet(backends.dynamo(), backends.prefix());
    }

    AgentService working() {
        return service(backends.deployQueue().queueUrl());
    }

    AgentService brokenQueue() {
        return service(backends.deployQueue().queueUrl() + "-missing");
    }

    static Principal user() {
        return new Principal(newUser(), "u", "USER", Set.of("agents:*"), null);
    }

    static JsonNode createBody() {
        return Events.api("createAgent").bodyTree();
    }

    @Test
    void createWithTheQueueDownAnswers503AndLeavesNoAgent() {
        Principal caller = user();

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> brokenQueue().create(caller, createBody(), null, "req-1"));

        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(working().list(caller, 20, 0, null, null, null).total()).isZero();
    }

    @Test
    void anIdempotentRetryAfterAnInterruptedCreateFinishesItUnderTheFirstId() {
        Principal caller = user();
        String key = UUID.randomUUID().toString();
        catchThrowableOfType(ApiException.class, () -> brokenQueue().create(caller, createBody(), key, "req-1"));

        AgentService.CreateResult retry = working().create(caller, createBody(), key, "req-2");
        AgentService.CreateResult again = working().create(caller, createBody(), key, "req-3");

        assertThat(retry.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.view()).isEqualTo(retry.view());
        assertThat(working().list(caller, 20, 0, null, null, null).total()).isEqualTo(1);
        assertThat(deployCommandsFor(retry.view().agentId())).isEqualTo(1);
    }

    @Test
    void aChangeWithTheQueueDownIsRecordedAndAnswered503() {
        Principal caller = user();
        String agentId = working().create(caller, createBody(), null, "req-1").view().agentId();

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> brokenQueue().scale(caller, agentId, Json.MAPPER.createObjectNode().put("replicas", 2), null, "req-2"));

        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        Agent stored = store.find(agentId).orElseThrow();
        assertThat(stored.generation()).isEqualTo(2);
        assertThat(stored.spec().resources().replicas()).isEqualTo(2);
    }

    @Test
    void aChangeWithoutIfMatch_racingTheDeployersObservation_isAppliedToTheRecordAsItNowIs() {
        Principal caller = user();
        String agentId = working().create(caller, createBody(), null, "req-1").view().agentId();
        // The deployer records an observation between the service's read and its write, moving the version.
        DynamoAgentStore racing = new DynamoAgentStore(tables(), new DynamoAgentCounts(tables()),
                DeploymentCounters.NONE) {
            private boolean raced;

            @Override
            public void replace(Agent agent, long expectedVersion, AgentRevision revision, long expired) {
                if (!raced) {
                    raced = true;
                    recordObserved(agent.agentId(), 1, AgentStatus.DEPLOYING, 0, null, null);
                }
                super.replace(agent, expectedVersion, revision, expired);
            }
        };
        AgentService service = new AgentService(racing, new SqsDeployQueue(backends.sqs(), backends.deployQueue().queueUrl()),
                new DynamoIdempotencyStore(tables(), Clock.systemUTC()),
                new PlatformVault(new AesGcmSecretSealer(Base64.getDecoder().decode(backends.sealingKey()))),
                rules(), Clock.systemUTC(), quotas(), history(), AgentServicePorts.NONE);

        service.scale(caller, agentId, Json.MAPPER.createObjectNode().put("replicas", 2), null, "req-2");

        Agent stored = store.find(agentId).orElseThrow();
        assertThat(stored.generation()).isEqualTo(2);
        assertThat(stored.spec().resources().replicas()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(AgentStatus.SCALING);
    }

    @Test
    void aChangeWithAStaleIfMatch_racingTheDeployersObservation_isStillAConflict() {
        Principal caller = user();
        String agentId = working().create(caller, createBody(), null, "req-1").view().agentId();
        store.recordObserved(agentId, 1, AgentStatus.DEPLOYING, 0, null, null);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> working().scale(caller, agentId,
                Json.MAPPER.createObjectNode().put("replicas", 2), "1", "req-2"));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(store.find(agentId).orElseThrow().generation()).isEqualTo(1);
    }

    private int deployCommandsFor(String agentId) {
        int count = 0;
        while (true) {
            var messages = backends.sqs().receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(backends.deployQueue().queueUrl()).maxNumberOfMessages(10).visibilityTimeout(3600).build())
                    .messages();
            if (messages.isEmpty()) {
                return count;
            }
            count += (int) messages.stream().filter(m -> m.body().contains(agentId)).count();
        }
    }

}
