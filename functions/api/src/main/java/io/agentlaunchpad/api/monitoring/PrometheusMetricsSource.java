package io.agentlaunchpad.api.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter: the Prometheus HTTP API ({@code GET <launchpad.ops.metrics.prometheus-url>/api/v1/query}). Network bytes
 * are cAdvisor's {@code container_network_*_bytes_total} over the agent's pods; requests are ingress-nginx's
 * {@code nginx_ingress_controller_requests} for the agent's ingress (total, 2xx/3xx success, 4xx/5xx errors, per
 * second over 5 minutes). A query without a sample is a missing figure (null), not zero.
 */
@ApplicationScoped
public class PrometheusMetricsSource implements MetricsSource {

    private static final JsonLog LOG = JsonLog.of("metrics");

    private final Optional<String> url;
    private final Duration timeout;
    private final HttpClient http;

    @Inject
    public PrometheusMetricsSource(MonitoringConfig config) {
        this(config.metrics().prometheusUrl(), config.metrics().prometheusTimeout());
    }

    public PrometheusMetricsSource(Optional<String> url, Duration timeout) {
        this.url = url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).filter(u -> !u.isBlank());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Traffic traffic(String namespace, String agentId) {
        if (url.isEmpty()) {
            return Traffic.unavailable("no metrics source is configured (launchpad.ops.metrics.prometheus-url)");
        }
        String pods = "namespace=\"" + namespace + "\",pod=~\"" + agentId + "-.*\"";
        String ingress = "exported_namespace=\"" + namespace + "\",ingress=\"" + agentId + "\"";
        try {
            return new Traffic("prometheus", null,
                    query("sum(container_network_receive_bytes_total{" + pods + "})"),
                    query("sum(container_network_transmit_bytes_total{" + pods + "})"),
                    query("sum(nginx_ingress_controller_requests{" + ingress + "})"),
                    query("sum(nginx_ingress_controller_requests{" + ingress + ",status=~\"[23]..\"})"),
                    query("sum(nginx_ingress_controller_requests{" + ingress + ",status=~\"[45]..\"})"),
                    query("sum(rate(nginx_ingress_controller_requests{" + ingress + "}[5m]))"));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("metrics source did not answer", Map.of("agentId", agentId, "error", e.getClass().getSimpleName()));
            return Traffic.unavailable("the metrics source did not answer");
        }
    }

    /** The single sample of an instant query, or null when the query matched no series. */
    Double query(String promql) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.get() + "/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        JsonNode body = Json.tree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("status " + body.path("status").asText());
        }
        JsonNode result = body.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return null;
        }
        double value = Double.parseDouble(result.get(0).path("value").get(1).asText());
        return Double.isFinite(value) ? value : null;
    }
}
