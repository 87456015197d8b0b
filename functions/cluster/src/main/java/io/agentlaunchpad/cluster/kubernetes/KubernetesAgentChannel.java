package io.agentlaunchpad.cluster.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.messages.AgentChannel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Adapter: an agent's own API through the Kubernetes API server's service proxy,
 * {@code /api/v1/namespaces/{ns}/services/{agentId}:http/proxy/{path}}.
 *
 * <p>Why the service proxy: the API Lambda runs outside the cluster's network, and the agent's URL deliberately
 * serves nothing but its health probes (docs/agent-exposure.md). The API server is the one door the platform already
 * has, authenticated and authorized as every other cluster call of this Lambda (the EKS token from its IAM role, RBAC
 * limited to {@code services/proxy}), with no new network path, load balancer or credential to run. It forwards only
 * to Ready endpoints of the Service, and says so (503 "no endpoints available") when there are none. The request goes
 * through the fabric8 client's own HTTP client, so the client's configuration - master URL, CA, and the token
 * provider {@code EksClusterAccess} sets - applies to it exactly as to the client's typed calls. The agent itself is
 * authenticated with its own token in {@code X-API-KEY}.
 */
@ApplicationScoped
public class KubernetesAgentChannel implements AgentChannel {

    /** Beyond the request's own timeout, how long to wait for the HTTP client to give up by itself. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final ClusterConfig config;
    private volatile HttpClient http;

    @Inject
    public KubernetesAgentChannel(KubernetesClient client, ClusterConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public AgentResponse exchange(AgentAddress agent, String method, String path, String jsonBody, Duration timeout) {
        HttpClient http = httpClient();
        HttpRequest.Builder request = http.newHttpRequestBuilder()
                .uri(proxyUrl(agent, path))
                .header("Accept", "application/json")
                .header("X-API-KEY", agent.token())
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (jsonBody != null) {
            request.method(method, "application/json", jsonBody);
        } else if (!"GET".equals(method)) {
            request.method(method, "application/json", "");
        }
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request.build(), String.class);
        HttpResponse<String> response;
        try {
            response = pending.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new AgentTimeoutException("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentUnreachableException("interrupted", e);
        } catch (ExecutionException e) {
            if (isTimeout(e.getCause())) {
                throw new AgentTimeoutException("no answer within " + timeout);
            }
            throw new AgentUnreachableException("the API server's proxy could not be called", e.getCause());
        }
        refusedByTheProxy(response);
        return new AgentResponse(response.code(), response.body());
    }

    /**
     * The client's own HTTP client (its interceptors add the cluster credentials), without its retries: it would
     * resend a message on the agent's 5xx and wait out the proxy's "no endpoints" for seconds, where one answer is
     * what the caller needs.
     */
    private HttpClient httpClient() {
        HttpClient derived = http;
        if (derived == null) {
            RequestConfig once = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0).build();
            derived = client.getHttpClient().newBuilder().tag(once).build();
            http = derived;
        }
        return derived;
    }

    String proxyUrl(AgentAddress agent, String path) {
        String master = client.getMasterUrl().toString().replaceAll("/+$", "");
        return master + "/api/v1/namespaces/" + AgentNames.namespace(config.namespacePrefix(), agent.owner())
                + "/services/" + agent.agentId() + ":http/proxy" + path;
    }

    /**
     * An answer of the API server itself (a Kubernetes {@code Status}) rather than of the agent: no Service or no
     * Ready endpoint means the agent is not running; anything else (e.g. RBAC refusing {@code services/proxy}, or
     * the pod refusing the connection) means the way to it failed.
     */
    private static void refusedByTheProxy(HttpResponse<String> response) {
        if (response.isSuccessful()) {
            return;
        }
        JsonNode status;
        try {
            status = Json.tree(response.body() == null ? "" : response.body());
        } catch (JsonProcessingException e) {
            return;
        }
        if (status == null || !"Status".equals(status.path("kind").asText()) || !status.has("apiVersion")) {
            return;
        }
        String message = status.path("message").asText("");
        if (response.code() == 503 && message.contains("no endpoints available")) {
            throw new AgentNotReadyException(message);
        }
        if (response.code() == 404 && "NotFound".equals(status.path("reason").asText())) {
            throw new AgentNotReadyException(message);
        }
        if (message.contains("timeout")) {
            // the proxy gave up waiting for the pod ("timeout awaiting response headers", "i/o timeout")
            throw new AgentTimeoutException(message);
        }
        throw new AgentUnreachableException("the API server answered " + response.code() + ": " + message, null);
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
