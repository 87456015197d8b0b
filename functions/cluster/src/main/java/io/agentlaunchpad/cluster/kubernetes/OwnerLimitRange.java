package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/**
 * Defaults for any container without requests, so the quota never rejects a pod for a missing request; ephemeral
 * storage included, so no container in the namespace has unbounded disk.
 */
final class OwnerLimitRange {

    static final String NAME = "agent-launchpad-limits";
    static final String EPHEMERAL_STORAGE = "ephemeral-storage";

    private OwnerLimitRange() {
    }

    static LimitRange desired(String namespace, String owner, ClusterConfig.Storage storage) {
        return new LimitRangeBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(AgentNames.ownerLabels(owner))
                .endMetadata()
                .withNewSpec().addNewLimit()
                .withType("Container")
                .withDefault(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"),
                        EPHEMERAL_STORAGE, new Quantity(storage.ephemeralStorage())))
                .withDefaultRequest(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"),
                        EPHEMERAL_STORAGE, new Quantity(storage.ephemeralStorage())))
                .withMax(Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi"),
                        EPHEMERAL_STORAGE, new Quantity(storage.ephemeralStorage())))
                .endLimit().endSpec().build();
    }
}
