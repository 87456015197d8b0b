package io.agentlaunchpad.deployer;

import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.timeline.TimelineType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The furthest stage a rollout's pods reached, as the timeline says it between two readiness checks. */
class RolloutProgressTest {

    private static Observation.PodState pod(String phase, boolean ready, String waiting) {
        return new Observation.PodState("agent-a-1", phase, ready, null, waiting, null, null, null, null, 0, null);
    }

    private static Observation seen(int ready, Observation.PodState... pods) {
        return new Observation(2, ready, 2, false, "img", "sum", 1, List.of(), List.of(pods));
    }

    @Test
    void noPodsYet_saysNothing() {
        assertThat(RolloutProgress.of(seen(0), 2)).isEmpty();
    }

    @Test
    void eachStage_isItsOwnStep_theFurthestPodDecides() {
        assertThat(RolloutProgress.of(seen(0, pod("Pending", false, null)), 2).orElseThrow())
                .isEqualTo(new RolloutProgress.Step(TimelineType.PODS_SCHEDULED,
                        "1 pod created, waiting to be scheduled and started (0/2 replicas ready)"));
        assertThat(RolloutProgress.of(seen(0, pod("Pending", false, "ContainerCreating"),
                pod("Pending", false, null)), 2).orElseThrow().type()).isEqualTo(TimelineType.PODS_PULLING);
        assertThat(RolloutProgress.of(seen(0, pod("Running", false, null), pod("Pending", false,
                "ContainerCreating")), 2).orElseThrow().type()).isEqualTo(TimelineType.PODS_STARTED);
        assertThat(RolloutProgress.of(seen(1, pod("Running", true, null), pod("Running", false, null)), 2)
                .orElseThrow()).isEqualTo(new RolloutProgress.Step(TimelineType.REPLICAS_READY, "1/2 replicas ready"));
    }
}
