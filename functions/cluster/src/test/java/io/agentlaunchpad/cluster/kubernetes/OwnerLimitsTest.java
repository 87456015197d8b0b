package io.agentlaunchpad.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Disk is bounded like CPU and memory: per container by default and per owner in total. */
class OwnerLimitsTest {

    @Test
    void limitRangeGivesEveryContainerEphemeralStorageDefaultsAndAMaximum() {
        LimitRangeItem limits = OwnerLimitRange.desired("agents-user-1", "user-1", Settings.defaults().storage())
                .getSpec().getLimits().get(0);

        assertThat(limits.getType()).isEqualTo("Container");
        assertThat(limits.getDefault()).containsEntry("ephemeral-storage", new Quantity("2Gi"))
                .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("1Gi"));
        assertThat(limits.getDefaultRequest()).containsEntry("ephemeral-storage", new Quantity("2Gi"));
        assertThat(limits.getMax()).containsEntry("ephemeral-storage", new Quantity("2Gi"))
                .containsEntry("memory", new Quantity("16Gi"));
    }

    @Test
    void quotaCapsTheOwnersEphemeralStorageBesideCpuMemoryAndPods() {
        ResourceQuota quota = OwnerQuota.desired("agents-user-1", "user-1", Settings.cluster(Map.of(
                "launchpad.cluster.quota.ephemeral-storage", "10Gi")).quota());

        assertThat(quota.getSpec().getHard()).containsEntry("requests.ephemeral-storage", new Quantity("10Gi"))
                .containsEntry("limits.ephemeral-storage", new Quantity("10Gi"))
                .containsEntry("requests.memory", new Quantity("32Gi")).containsEntry("pods", new Quantity("20"))
                .containsEntry("services.loadbalancers", new Quantity("0"));
        assertThat(OwnerQuota.desired("n", "o", Settings.defaults().quota()).getSpec().getHard())
                .containsEntry("limits.ephemeral-storage", new Quantity("40Gi"));
    }
}
