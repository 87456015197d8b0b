package io.agentlaunchpad.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.emulators.ElasticMq;
import io.quarkus.funqy.Funq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQS trigger against ElasticMQ, with SQS's at-least-once delivery on demand: a record handed over twice, a
 * record made visible again instead of deleted, and a failure of either delivery left for redelivery.
 */
class QueueTriggerTest {

    static ElasticMq elasticMq;
    static SqsClient sqs;

    String queueUrl;
    final Recorder recorder = new Recorder();
    final FunctionRegistry functions = new FunctionRegistry().register(recorder);

    /** Records every body it is handed; fails the calls whose number (from 1) is in {@code failing}. */
    public static final class Recorder {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile List<Integer> failing = List.of();

        @Funq
        public void record(SQSEvent.SQSMessage message) {
            bodies.add(message.getBody());
            if (failing.contains(calls.incrementAndGet())) {
                throw new IllegalStateException("call " + calls.get() + " fails");
            }
        }
    }

    record Deliveries(boolean deliverTwice, boolean redeliverAfterSuccess) implements DeliveryFaults {
    }

    @BeforeAll
    static void start() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void queue() {
        queueUrl = QueueProvisioner.create(sqs, QueueDefinition.DEPLOY.withVisibilityTimeout(1),
                "t" + UUID.randomUUID().toString().substring(0, 8) + "-").queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":1}"));
    }

    @Test
    void withoutFaults_aRecordRunsOnceAndIsDeleted() {
        trigger(new Deliveries(false, false)).pollOnce(1);

        assertThat(recorder.bodies).containsExactly("{\"n\":1}");
        assertThat(receive(3)).isEmpty();
    }

    @Test
    void aDuplicatedRecordRunsTwiceInARowAndIsDeleted() {
        trigger(new Deliveries(true, false)).pollOnce(1);

        assertThat(recorder.bodies).containsExactly("{\"n\":1}", "{\"n\":1}");
        assertThat(receive(3)).isEmpty();
    }

    @Test
    void aDuplicateThatFails_leavesTheRecordForRedelivery() {
        recorder.failing = List.of(2);

        trigger(new Deliveries(true, false)).pollOnce(1);

        assertThat(recorder.bodies).hasSize(2);
        assertThat(receive(3)).singleElement().satisfies(m ->
                assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));
    }

    @Test
    void aRedeliveredRecord_ranOnceAndIsVisibleAgainAtOnce() {
        trigger(new Deliveries(false, true)).pollOnce(1);

        assertThat(recorder.bodies).containsExactly("{\"n\":1}");
        // Well within the queue's 1 s visibility timeout: only a visibility of 0 makes it come back this soon.
        assertThat(receive(0)).singleElement().satisfies(m ->
                assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));
    }

    private QueueTrigger trigger(DeliveryFaults faults) {
        return new QueueTrigger(sqs, queueUrl, "arn:aws:sqs:us-east-1:000000000000:test", functions, "record", 10,
                faults);
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }
}
