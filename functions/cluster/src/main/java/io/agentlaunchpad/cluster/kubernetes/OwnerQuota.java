package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;

import java.util.Map;

/** Caps what all of one owner's agents may request together. */
final class OwnerQuota {

    static final String NAME = "agent-launchpad-quota";

    private OwnerQuota() {
    }

    static ResourceQuota desired(String namespace, String owner, ClusterConfig.Quota quota) {
        return new ResourceQuotaBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(AgentNames.ownerLabels(owner))
                .endMetadata()
                .withNewSpec().withHard(Map.of(
                        "requests.cpu", new Quantity(quota.cpu()),
                        "limits.cpu", new Quantity(quota.cpu()),
                        "requests.memory", new Quantity(quota.memory()),
                        "limits.memory", new Quantity(quota.memory()),
                        "requests.ephemeral-storage", new Quantity(quota.ephemeralStorage()),
                        "limits.ephemeral-storage", new Quantity(quota.ephemeralStorage()),
                        "pods", new Quantity(quota.pods()),
                        "services.loadbalancers", new Quantity("0"),
                        "services.nodeports", new Quantity("0")))
                .endSpec().build();
    }
}
