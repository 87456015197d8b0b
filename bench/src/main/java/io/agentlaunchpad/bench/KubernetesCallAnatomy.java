package io.agentlaunchpad.bench;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.kubernetes.KubernetesCluster;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes API calls behind each step of the deployer, one by one, on a simulated cluster of its own (the
 * fabric8 CRUD mock the local platform uses) through the platform's own adapter ({@link KubernetesCluster}): the
 * owner's objects for a new owner and again for an owner that has them, one agent's objects, and one CHECK's
 * observation. The throughput rounds only see totals by HTTP method; this says which object and answer each is.
 */
final class KubernetesCallAnatomy {

    /** One step: its calls in order, as "METHOD resource → code". */
    record Step(String name, List<String> calls) {

        Map<String, Long> byMethod() {
            Map<String, Long> counts = new TreeMap<>();
            for (String call : calls) {
                counts.merge(call.substring(0, call.indexOf(' ')), 1L, Long::sum);
            }
            return counts;
        }

        /** "PATCH 404 x4, POST 201 x4" style: method, answer and how many, in order of first appearance. */
        String summary() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String call : calls) {
                String[] parts = call.split(" ");
                counts.merge(parts[0] + " " + parts[parts.length - 1], 1, Integer::sum);
            }
            List<String> out = new ArrayList<>();
            counts.forEach((k, v) -> out.add(k + " x" + v));
            return String.join(", ", out);
        }
    }

    private KubernetesCallAnatomy() {
    }

    static List<Step> run() throws Exception {
        Path home = Files.createTempDirectory("launchpad-anatomy");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Interceptor recorder = new Interceptor() {
            @Override
            public void after(HttpRequest request, HttpResponse<?> response,
                              AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                log.add(request.method() + " " + resource(request.uri().getPath()) + " " + response.code());
            }
        };
        ClusterConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                .withConverter(Duration.class, 100, new DurationConverter()).withMapping(ClusterConfig.class)
                .build().getConfigMapping(ClusterConfig.class);
        List<Step> steps = new ArrayList<>();
        try (SimulatedCluster simulated = SimulatedCluster.start(home.resolve("kubeconfig"), Duration.ZERO);
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(null, Files.readString(simulated.kubeconfig()),
                             simulated.kubeconfig().toString()))
                     .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("anatomy", recorder)).build()) {
            KubernetesCluster cluster = new KubernetesCluster(client, config);
            String owner = "user-anatomy";
            String namespace = AgentNames.namespace(config.namespacePrefix(), owner);
            AgentWorkload first = workload(owner, namespace, "agent-anatomy0001");
            AgentWorkload second = workload(owner, namespace, "agent-anatomy0002");
            steps.add(step("applyOwner, new owner (first agent)", log, () -> cluster.applyOwner(namespace, owner)));
            steps.add(step("applyAgent, new agent", log, () -> cluster.applyAgent(first)));
            steps.add(step("applyAgent, second agent", log, () -> cluster.applyAgent(second)));
            steps.add(step("observe (each CHECK follow-up)", log,
                    () -> cluster.observe(namespace, first.agent().agentId())));
        } finally {
            deleteTree(home);
        }
        return steps;
    }

    private static Step step(String name, List<String> log, Runnable action) {
        log.clear();
        action.run();
        return new Step(name, List.copyOf(log));
    }

    private static AgentWorkload workload(String owner, String namespace, String agentId) {
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec("anatomy-bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("512Mi", "250m", 1));
        Agent agent = new Agent(agentId, owner, spec, null, Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null,
                null);
        return new AgentWorkload(agent, namespace, "{\"name\":\"anatomy-bot\"}", Map.of("SERVER_PORT", "3000"),
                "registry.launchpad.local/elizaos-agent@sha256:" + "0".repeat(64), agentId + ".agents.local",
                Duration.ofMinutes(15));
    }

    /** The resource a path names: {@code .../namespaces/n/deployments/d} deployments, {@code .../namespaces/n}
     * namespaces. */
    static String resource(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].equals("namespaces")) {
                // .../namespaces/<ns>/<resource>[/<name>] or .../namespaces[/<name>]
                return i + 2 < parts.length ? parts[i + 2] : "namespaces";
            }
        }
        return parts.length > 0 ? parts[parts.length - 1] : path;
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
