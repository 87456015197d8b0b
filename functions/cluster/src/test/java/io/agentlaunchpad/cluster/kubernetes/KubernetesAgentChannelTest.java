package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.messages.AgentChannel.AgentAddress;
import io.agentlaunchpad.messages.AgentChannel.AgentNotReadyException;
import io.agentlaunchpad.messages.AgentChannel.AgentResponse;
import io.agentlaunchpad.messages.AgentChannel.AgentTimeoutException;
import io.agentlaunchpad.messages.AgentChannel.AgentUnreachableException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request the adapter makes, at the protocol level, against an API server stand-in that serves the service
 * proxy's path: where it goes, what it carries, and how the proxy's own refusals are told from the agent's answers.
 */
class KubernetesAgentChannelTest {

    static final String PROXY = "/api/v1/namespaces/agents-user-1/services/agent-abc123def456:http/proxy";
    static final AgentAddress AGENT = new AgentAddress("user-1", "agent-abc123def456", "agent-token-123");

    KubernetesMockServer server;
    KubernetesClient client;
    KubernetesAgentChannel channel;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        // As EksClusterAccess configures it: a token provider, called for each request.
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url("/"))
                .withTrustCerts(true).withOauthTokenProvider(() -> "k8s-aws-v1.eks-token").build()).build();
        channel = new KubernetesAgentChannel(client, Settings.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void postsThroughTheServiceProxyWithTheAgentsTokenAndTheClusterCredentials() throws Exception {
        server.expect().post().withPath(PROXY + "/api/messaging/sessions")
                .andReturn(201, Map.of("sessionId", "s-1")).once();

        AgentResponse response = channel.exchange(AGENT, "POST", "/api/messaging/sessions",
                "{\"agentId\":\"a\",\"userId\":\"u\"}", Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).contains("s-1");
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo(PROXY + "/api/messaging/sessions");
        assertThat(request.getHeader("X-API-KEY")).isEqualTo("agent-token-123");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer k8s-aws-v1.eks-token");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"agentId\":\"a\",\"userId\":\"u\"}");
    }

    @Test
    void getsWithTheQueryAndNoBody() throws Exception {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions/s-1/messages?limit=20")
                .andReturn(200, Map.of("messages", java.util.List.of())).once();

        AgentResponse response = channel.exchange(AGENT, "GET", "/api/messaging/sessions/s-1/messages?limit=20", null,
                Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(200);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getBody().size()).isZero();
        assertThat(request.getHeader("X-API-KEY")).isEqualTo("agent-token-123");
    }

    @Test
    void theNamespaceFollowsTheConfiguredPrefix() {
        KubernetesAgentChannel other = new KubernetesAgentChannel(client, Settings.cluster(Map.of(
                "launchpad.cluster.namespace-prefix", "tenant-")));

        assertThat(other.proxyUrl(AGENT, "/api/x")).endsWith(
                "/api/v1/namespaces/tenant-user-1/services/agent-abc123def456:http/proxy/api/x");
    }

    @Test
    void theAgentsOwnErrorsComeBackAsAnswers() {
        server.expect().post().withPath(PROXY + "/api/messaging/sessions")
                .andReturn(500, "{\"success\":false,\"error\":{\"code\":\"INTERNAL\"}}").once();

        AgentResponse response = channel.exchange(AGENT, "POST", "/api/messaging/sessions", "{}", Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(500);
        // the client's own retries would send the message again
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void noReadyEndpointIsNotRunning() {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions").andReturn(503, status(503,
                "ServiceUnavailable", "no endpoints available for service \\\"agent-abc123def456\\\"")).once();

        assertThatThrownBy(() -> channel.exchange(AGENT, "GET", "/api/messaging/sessions", null, Duration.ofSeconds(5)))
                .isInstanceOf(AgentNotReadyException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void noServiceIsNotRunning() {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions").andReturn(404, status(404, "NotFound",
                "services \\\"agent-abc123def456\\\" not found")).once();

        assertThatThrownBy(() -> channel.exchange(AGENT, "GET", "/api/messaging/sessions", null, Duration.ofSeconds(5)))
                .isInstanceOf(AgentNotReadyException.class);
    }

    @Test
    void aRefusalOfTheApiServerItselfIsUnreachable() {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions").andReturn(403, status(403, "Forbidden",
                "services \\\"agent-abc123def456:http\\\" is forbidden: cannot get resource services/proxy")).once();

        assertThatThrownBy(() -> channel.exchange(AGENT, "GET", "/api/messaging/sessions", null, Duration.ofSeconds(5)))
                .isInstanceOf(AgentUnreachableException.class).hasMessageNotContaining("agent-token-123");
    }

    @Test
    void theProxyGivingUpOnThePodIsATimeout() {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions").andReturn(503, status(503,
                "ServiceUnavailable", "error trying to reach service: net/http: timeout awaiting response headers"))
                .once();

        assertThatThrownBy(() -> channel.exchange(AGENT, "GET", "/api/messaging/sessions", null, Duration.ofSeconds(5)))
                .isInstanceOf(AgentTimeoutException.class);
    }

    @Test
    void thePodRefusingTheConnectionIsUnreachable() {
        server.expect().get().withPath(PROXY + "/api/messaging/sessions").andReturn(503, status(503,
                "ServiceUnavailable", "error trying to reach service: dial tcp 10.0.3.7:3000: connect: connection "
                        + "refused")).once();

        assertThatThrownBy(() -> channel.exchange(AGENT, "GET", "/api/messaging/sessions", null, Duration.ofSeconds(5)))
                .isInstanceOf(AgentUnreachableException.class);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() {
        server.expect().post().delay(3, TimeUnit.SECONDS).withPath(PROXY + "/api/messaging/sessions/s-1/messages")
                .andReturn(201, "{}").once();

        long started = System.nanoTime();
        assertThatThrownBy(() -> channel.exchange(AGENT, "POST", "/api/messaging/sessions/s-1/messages", "{}",
                Duration.ofMillis(300))).isInstanceOf(AgentTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
