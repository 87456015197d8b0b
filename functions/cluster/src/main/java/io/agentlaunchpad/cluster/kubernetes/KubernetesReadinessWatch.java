package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.ReadinessWatch;
import io.agentlaunchpad.logging.JsonLog;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Adapter: one watch of the platform's Deployments per owner namespace with an agent waited for (the deployer's
 * namespaced role lists and watches Deployments there), opened on the first wait and closed when the last one is
 * told or times out. A Deployment event that shows a waited-for agent ready calls its callback. Each pending wait
 * costs a map entry, not a connection, so a burst of roll-outs in one namespace shares one watch.
 */
@ApplicationScoped
public class KubernetesReadinessWatch implements ReadinessWatch, AutoCloseable {

    private static final JsonLog LOG = JsonLog.of("deployer");

    private record Waiter(Instant until, Runnable onReady) {
    }

    private final KubernetesClient client;
    private final Map<String, Map<String, Waiter>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "readiness-watch-expiry");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public KubernetesReadinessWatch(KubernetesClient client) {
        this.client = client;
        expiry.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void whenReady(String namespace, String agentId, Duration bound, Runnable onReady) {
        waiting.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
                .put(agentId, new Waiter(Instant.now().plus(bound), onReady));
        watches.computeIfAbsent(namespace, this::open);
    }

    private Watch open(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Deployment deployment) {
                        if (action == Action.ADDED || action == Action.MODIFIED) {
                            seen(namespace, deployment);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // The waits fall back to the callers' delayed checks; the next wait opens a new watch.
                        watches.remove(namespace);
                    }
                });
    }

    private void seen(String namespace, Deployment deployment) {
        Map<String, Waiter> agents = waiting.get(namespace);
        String agentId = deployment.getMetadata().getName();
        if (agents == null || !agents.containsKey(agentId) || !ready(deployment)) {
            return;
        }
        Waiter waiter = agents.remove(agentId);
        if (waiter != null) {
            try {
                waiter.onReady().run();
            } catch (RuntimeException e) {
                LOG.warn("readiness callback failed", Map.of("agentId", agentId,
                        "error", e.getClass().getSimpleName()));
            }
        }
    }

    /** As Observation.ready() reads it, from the Deployment alone. */
    static boolean ready(Deployment d) {
        var status = d.getStatus();
        if (status == null || d.getSpec() == null) {
            return false;
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        return observed >= generation && orZero(status.getReadyReplicas()) >= wanted
                && orZero(status.getUpdatedReplicas()) >= wanted;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private void expire() {
        Instant now = Instant.now();
        waiting.forEach((namespace, agents) -> {
            agents.values().removeIf(w -> now.isAfter(w.until()));
            if (agents.isEmpty()) {
                Watch watch = watches.remove(namespace);
                if (watch != null) {
                    watch.close();
                }
            }
        });
    }

    @PreDestroy
    @Override
    public void close() {
        expiry.shutdownNow();
        watches.values().forEach(Watch::close);
        watches.clear();
    }
}
