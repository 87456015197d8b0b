package io.agentlaunchpad.api;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.time.Instant;
import java.util.Map;

/**
 * The kubelet's side of the pod log API on the CRUD mock server, which keeps objects but serves no logs: pods of an
 * agent in the CRUD store, and their logs as expectations on the exact request fabric8 sends
 * ({@code log?pretty=false&container=..&previous=true&sinceTime=..&tailLines=..&timestamps=true}).
 */
record SimulatedPodLogs(KubernetesServer server, KubernetesClient client) {

    /** A running pod whose container restarted {@code restarts} times. */
    void pod(String namespace, String pod, String agentId, int restarts) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                .withNamespace(namespace).withLabels(Map.of("agent-id", agentId)).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("elizaos").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("agent")
                .withContainerID("containerd://run-" + restarts)
                .withNewState().withNewRunning().withStartedAt("2024-01-15T13:20:00Z").endRunning().endState()
                .withNewLastState().withNewTerminated().withContainerID("containerd://run-" + (restarts - 1))
                .withExitCode(1).endTerminated().endLastState()
                .withRestartCount(restarts).withReady(true).endContainerStatus().endStatus().build()).create();
    }

    /** A pod in CrashLoopBackOff: its container waits to restart; the last run is the one that terminated. */
    void crashLooping(String namespace, String pod, String agentId, int restarts) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod)
                .withNamespace(namespace).withLabels(Map.of("agent-id", agentId)).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("elizaos").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("agent")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withContainerID("containerd://run-" + restarts)
                .withExitCode(1).withReason("Error").endTerminated().endLastState()
                .withRestartCount(restarts).withReady(false).endContainerStatus().endStatus().build()).create();
    }

    static String path(String namespace, String pod, boolean previous, Instant since, int tail) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?pretty=false&container=agent"
                + (previous ? "&previous=true" : "")
                + (since == null ? "" : "&sinceTime=" + since)
                + "&tailLines=" + tail + "&timestamps=true";
    }

    /** Every read of this log answers {@code lines}. */
    void serve(String namespace, String pod, boolean previous, Instant since, int tail, String lines) {
        server.expect().get().withPath(path(namespace, pod, previous, since, tail)).andReturn(200, lines).always();
    }

    /** The next read answers {@code first}; every later one {@code then}: a log that grows while a follow waits. */
    void grow(String namespace, String pod, Instant since, int tail, String first, String then) {
        server.expect().get().withPath(path(namespace, pod, false, since, tail)).andReturn(200, first).once();
        server.expect().get().withPath(path(namespace, pod, false, since, tail)).andReturn(200, then).always();
    }
}
