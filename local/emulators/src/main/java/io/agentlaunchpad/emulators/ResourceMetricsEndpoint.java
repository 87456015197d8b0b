package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code metrics.k8s.io/v1beta1}: PodMetrics and NodeMetrics, from the processes' real usage or simulated. */
record ResourceMetricsEndpoint(StoredObjects store, ProcessRuntime runtime) {

    MockResponse answer(ResourcePath target, Map<String, String> query) {
        Instant now = Instant.now();
        String selector = query.get("labelSelector");
        String selectorQuery = selector == null ? "" : "?labelSelector="
                + java.net.URLEncoder.encode(selector, StandardCharsets.UTF_8);
        if (target.plural().equals("pods")) {
            if (target.name() != null) {
                Pod pod = store.pod(target.namespace(), target.name());
                Optional<PodMetrics> measured = pod == null ? Optional.empty() : podMetrics(pod, now);
                if (measured.isEmpty()) {
                    return StoredObjects.status(404, "NotFound", "podmetrics.metrics.k8s.io \"" + target.namespace() + "/"
                            + target.name() + "\" not found");
                }
                return StoredObjects.json(200, StoredObjects.KUBE.asJson(measured.get()));
            }
            String pods = target.namespace() == null ? "/api/v1/pods" : "/api/v1/namespaces/" + target.namespace()
                    + "/pods";
            List<PodMetrics> items = store.list(pods + selectorQuery, Pod.class).stream()
                    .map(p -> podMetrics(p, now)).flatMap(Optional::stream).toList();
            PodMetricsList answer = new PodMetricsList();
            answer.setMetadata(new ListMeta());
            answer.setItems(items);
            return StoredObjects.json(200, StoredObjects.KUBE.asJson(answer));
        }
        if (target.plural().equals("nodes") && target.namespace() == null) {
            List<Pod> pods = store.list("/api/v1/pods", Pod.class);
            if (target.name() != null) {
                Node node = store.get("/api/v1/nodes/" + target.name(), Node.class);
                if (node == null) {
                    return StoredObjects.status(404, "NotFound", "nodemetrics.metrics.k8s.io \"" + target.name()
                            + "\" not found");
                }
                return StoredObjects.json(200, StoredObjects.KUBE.asJson(nodeMetrics(node, pods, now)));
            }
            NodeMetricsList answer = new NodeMetricsList();
            answer.setMetadata(new ListMeta());
            answer.setItems(store.list("/api/v1/nodes" + selectorQuery, Node.class).stream()
                    .map(n -> nodeMetrics(n, pods, now)).toList());
            return StoredObjects.json(200, StoredObjects.KUBE.asJson(answer));
        }
        return StoredObjects.status(404, "NotFound", "the server could not find the requested resource");
    }

    /** A process's real usage; a simulated pod's simulated usage; nothing for a pod metrics-server would skip. */
    private Optional<PodMetrics> podMetrics(Pod pod, Instant now) {
        if (runtime != null && runtime.runs(pod)) {
            return runtime.metrics(pod, now);
        }
        return SimulatedMetrics.measured(pod) ? Optional.of(SimulatedMetrics.pod(pod, now)) : Optional.empty();
    }

    private NodeMetrics nodeMetrics(Node node, List<Pod> pods, Instant now) {
        String name = node.getMetadata().getName();
        return SimulatedMetrics.node(name, node.getMetadata().getLabels(), pods.stream()
                .filter(p -> p.getSpec() != null && Objects.equals(name, p.getSpec().getNodeName())).toList(), now,
                p -> podMetrics(p, now));
    }
}
