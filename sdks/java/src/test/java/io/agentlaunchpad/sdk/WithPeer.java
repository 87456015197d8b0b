package io.agentlaunchpad.sdk;

import io.agentlaunchpad.sdk.Peer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;

/**
 * A fresh {@link Peer} per test and a client of it with short retry delays. The base URL ends in a slash, which the
 * client drops: every request of these tests goes through that.
 */
abstract class WithPeer {

    static final Answer CREATED = Answer.json(202,
            "{\"agentId\":\"agent-1\",\"status\":\"QUEUED\",\"createdAt\":\"2024-01-15T10:30:00Z\"}");

    Peer peer;
    AgentLaunchpadClient client;

    @BeforeEach
    void start() throws IOException {
        peer = new Peer();
        client = AgentLaunchpadClient.builder().apiKey("alk_test").baseUrl(peer.url() + "/")
                .retryBaseDelay(Duration.ofMillis(10)).build();
    }

    @AfterEach
    void stop() {
        peer.close();
    }
}
