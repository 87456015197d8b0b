package io.agentlaunchpad.api.ops;

import io.agentlaunchpad.cluster.AgentNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Pods read the way the reader's RBAC allows: the managed owner namespaces listed cluster-wide (namespaces are the
 * only namespaced-kind listing it has there), then the pods of each, never the pods of the whole cluster.
 */
final class OwnerNamespaces {

    private OwnerNamespaces() {
    }

    static List<String> names(KubernetesClient client) {
        return client.namespaces().withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).toList();
    }

    /** The pods of every managed owner namespace carrying {@code label=value} (any when {@code label} is null). */
    static List<Pod> pods(KubernetesClient client, String label, String value) {
        List<Pod> pods = new ArrayList<>();
        for (String namespace : names(client)) {
            var inNamespace = client.pods().inNamespace(namespace);
            pods.addAll((label == null ? inNamespace : inNamespace.withLabel(label, value)).list().getItems());
        }
        return pods;
    }
}
