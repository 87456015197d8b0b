package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.agents.AgentViews;
import io.agentlaunchpad.agents.LiveHealth;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.PodDiagnosis;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.time.Uptime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapter: the status route's health block from the cluster. The rule:
 * <ul>
 * <li>{@code kubernetes.status}: STOPPED at 0 wanted replicas; HEALTHY when all are ready; DEGRADED when some are;
 * UNHEALTHY when none are or a pod reports a failure (CrashLoopBackOff, OOMKilled, ...).</li>
 * <li>{@code application.status}: the answer of ElizaOS's {@code GET /health} at the agent's URL within the probe
 * timeout (200 HEALTHY, anything else UNHEALTHY, {@code responseTime} measured); where the URL cannot be reached
 * from here, pod readiness stands in (the readiness probe is the same {@code /health}). {@code uptime} counts from
 * the oldest ready pod's start.</li>
 * <li>{@code overall}: STOPPED if stopped, else the worse of the two (UNHEALTHY over DEGRADED over HEALTHY).</li>
 * </ul>
 */
@ApplicationScoped
public class KubernetesLiveHealth implements LiveHealth {

    private static final JsonLog LOG = JsonLog.of("health");

    private final Cluster cluster;
    private final ClusterConfig config;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    @Inject
    public KubernetesLiveHealth(Cluster cluster, ClusterConfig config, Clock clock) {
        this.cluster = cluster;
        this.config = config;
        this.timeout = config.probeTimeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<AgentViews.Health> health(String owner, String agentId, String url) {
        Optional<Observation> seen;
        try {
            seen = cluster.observe(AgentNames.namespace(config.namespacePrefix(), owner), agentId);
        } catch (RuntimeException e) {
            LOG.warn("cluster unreachable for health", Map.of("agentId", agentId));
            return Optional.empty();
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        Observation o = seen.get();
        int wanted = o.desiredReplicas();
        // Whether a pod fails, not why: the memory limit only words the reason, which the deployer records.
        boolean failing = PodDiagnosis.failure(o, "its").isPresent();
        String pods = wanted == 0 ? "STOPPED" : failing || o.readyReplicas() == 0 ? "UNHEALTHY"
                : o.readyReplicas() >= wanted ? "HEALTHY" : "DEGRADED";
        Probe probe = wanted == 0 || o.readyReplicas() == 0 ? Probe.NOT_TRIED : probe(url);
        String application = switch (probe.outcome) {
            case ANSWERED_OK -> "HEALTHY";
            case ANSWERED_ERROR -> "UNHEALTHY";
            default -> wanted == 0 ? "STOPPED" : o.readyReplicas() > 0 ? "HEALTHY" : "UNHEALTHY";
        };
        String uptime = o.pods().stream().filter(Observation.PodState::ready).map(Observation.PodState::startedAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder())
                .map(start -> Uptime.of(Duration.between(start, clock.instant()))).orElse(null);
        String overall = pods.equals("STOPPED") ? "STOPPED" : worse(pods, application);
        return Optional.of(new AgentViews.Health(overall,
                new AgentViews.KubernetesHealth(pods, wanted, o.readyReplicas()),
                new AgentViews.ApplicationHealth(application, uptime,
                        probe.millis == null ? null : probe.millis + "ms")));
    }

    private enum Outcome { ANSWERED_OK, ANSWERED_ERROR, UNREACHABLE, NOT_TRIED }

    private record Probe(Outcome outcome, Long millis) {
        static final Probe NOT_TRIED = new Probe(Outcome.NOT_TRIED, null);
    }

    private Probe probe(String url) {
        Instant start = Instant.now();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            long millis = Duration.between(start, Instant.now()).toMillis();
            return new Probe(response.statusCode() == 200 ? Outcome.ANSWERED_OK : Outcome.ANSWERED_ERROR, millis);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Probe(Outcome.UNREACHABLE, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Outcome.UNREACHABLE, null);
        }
    }

    private static String worse(String a, String b) {
        for (String level : new String[]{"UNHEALTHY", "DEGRADED"}) {
            if (level.equals(a) || level.equals(b)) {
                return level;
            }
        }
        return "HEALTHY";
    }
}
