package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.HashMap;
import java.util.Map;

/** The owner's namespace, with the restricted Pod Security Standard enforced on top of our own settings. */
final class OwnerNamespace {

    private OwnerNamespace() {
    }

    static Namespace desired(String namespace, String owner) {
        Map<String, String> labels = new HashMap<>(AgentNames.ownerLabels(owner));
        labels.put("pod-security.kubernetes.io/enforce", "restricted");
        return new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(labels).endMetadata().build();
    }
}
