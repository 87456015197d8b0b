package io.agentlaunchpad.sdk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SDK against the running platform (LAUNCHPAD_URL, LAUNCHPAD_API_KEY); skipped, saying so, without them. */
class LivePlatformTest {

    private static final String URL = System.getenv("LAUNCHPAD_URL");
    private static final String KEY = System.getenv("LAUNCHPAD_API_KEY");
    private static final List<String> CREATED = new ArrayList<>();
    private static AgentLaunchpadClient client;

    private static final boolean CONFIGURED = URL != null && !URL.isBlank() && KEY != null && !KEY.isBlank();

    @BeforeAll
    static void connect() {
        if (CONFIGURED) {
            client = AgentLaunchpadClient.builder().apiKey(KEY).baseUrl(URL).build();
        } else {
            System.out.println("# SKIPPED LivePlatformTest: end-to-end tests skipped: set LAUNCHPAD_URL "
                    + "(e.g. http://localhost:8080) and LAUNCHPAD_API_KEY");
        }
    }

    /** Per test, so that each is reported skipped rather than the class silently running nothing. */
    @BeforeEach
    void requirePlatform() {
        assumeTrue(CONFIGURED, "end-to-end tests skipped: set LAUNCHPAD_URL and LAUNCHPAD_API_KEY");
    }

    @AfterAll
    static void cleanUp() {
        if (client == null) {
            return;
        }
        for (String agentId : CREATED) {
            try {
                client.agents().delete(agentId);
            } catch (ApiException ignored) {
                // already deleted by the test
            }
        }
    }

    private static Map<String, Object> agentBody(String name) {
        return Map.of("agentName", name, "description", "SDK end-to-end test agent",
                "personality", Map.of("system", "You are a test agent.", "bio", List.of("I exist to be tested")),
                "resources", Map.of("memory", "512Mi", "cpu", "250m", "replicas", 1));
    }

    @Test
    void agentLifecycle() throws InterruptedException {
        ApiObject agent = client.agents().create(agentBody("sdk-java-" + Long.toString(System.currentTimeMillis(), 36)));
        String agentId = agent.string("agentId");
        CREATED.add(agentId);
        assertThat(agent.status()).isEqualTo(202);
        assertThat(agent.string("status")).isEqualTo("QUEUED");
        assertThat(agent.requestId()).isNotBlank();

        assertThat(client.agents().getStatus(agentId).string("agentId")).isEqualTo(agentId);
        ApiObject detail = client.agents().get(agentId);
        assertThat(client.agents().list(Map.of("limit", 1)).items().anyMatch(a -> agentId.equals(a.string("agentId"))))
                .isTrue();

        assertThat(detail.number("version")).isPositive();
        // The deployer records what it observes while the agent rolls out, which moves the version: as a client
        // should, read it again and retry on CONFLICT.
        long version = 0;
        for (int attempt = 0; ; attempt++) {
            version = client.agents().get(agentId).number("version");
            try {
                assertThat(client.agents().update(agentId, Map.of("description", "changed"),
                        RequestOptions.none().withIfMatch(version)).status()).isEqualTo(202);
                break;
            } catch (ApiException.ConflictException e) {
                if (attempt >= 9) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
        long updatedFrom = version;
        assertThatThrownBy(() -> client.agents().scale(agentId, 2, RequestOptions.none().withIfMatch(updatedFrom)))
                .isInstanceOfSatisfying(ApiException.ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThat(client.agents().scale(agentId, 2).string("status")).isEqualTo("SCALING");
        assertThat(client.agents().restart(agentId).string("status")).isEqualTo("RESTARTING");
        assertThat(client.agents().delete(agentId).string("status")).isEqualTo("DELETING");
    }

    @Test
    void aReplayedCreate_answersTheSameAgent() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = agentBody("sdk-java-idem-" + Long.toString(System.currentTimeMillis(), 36));
        ApiObject first = client.agents().create(body, RequestOptions.none().withIdempotencyKey(key));
        CREATED.add(first.string("agentId"));

        ApiObject replay = client.agents().create(body, RequestOptions.none().withIdempotencyKey(key));

        assertThat(replay.string("agentId")).isEqualTo(first.string("agentId"));
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void errorsAreTyped() {
        assertThatThrownBy(() -> client.agents().getStatus("agent-does-not-exist"))
                .isInstanceOfSatisfying(ApiException.NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("AGENT_NOT_FOUND");
                    assertThat(e.requestId()).isEqualTo(e.headers().get("x-request-id"));
                });
        assertThatThrownBy(() -> client.agents().create(Map.of("agentName", "Not A Label")))
                .isInstanceOfSatisfying(ApiException.ValidationException.class,
                        e -> assertThat(e.fieldErrors()).extracting(ApiException.FieldError::field).contains("agentName"));
    }

    @Test
    void messagesToAnAgentWithNoRunningProcess_areAConflict() {
        // The simulated runtime (and a real one before the agent is up) runs no agent process: nobody to answer.
        ApiObject agent = client.agents().create(agentBody("sdk-java-msg-" + Long.toString(System.currentTimeMillis(), 36)));
        String agentId = agent.string("agentId");
        CREATED.add(agentId);
        assertThatThrownBy(() -> client.agents().sendMessage(agentId, "Hello, agent", "e2e-user"))
                .isInstanceOfSatisfying(ApiException.ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFLICT");
                    assertThat(e.requestId()).isEqualTo(e.headers().get("x-request-id"));
                });
        assertThatThrownBy(() -> client.agents().listMessages(agentId, 5, null))
                .isInstanceOfSatisfying(ApiException.ConflictException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
        assertThatThrownBy(() -> client.agents().sendMessage("agent-does-not-exist", "Hello"))
                .isInstanceOfSatisfying(ApiException.NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("AGENT_NOT_FOUND"));
    }
}
