package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kubelet's log API over generated lines: which instance, the windows, the refusals. No cluster, no waiting. */
class SimulatedLogsTest {

    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aRunningContainerLogsItsBootThenAHeartbeatEveryFiveSeconds() {
        Pod pod = running();
        List<String> lines = read(pod, null, false, true, null, 3, START.plusSeconds(62));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).endsWith("Info       Heartbeat: agent agent-1 healthy, uptime 60s");
        assertThat(lines.get(0)).endsWith("uptime 50s");
        Instant last = Instant.parse(lines.get(2).substring(0, lines.get(2).indexOf(' ')));
        assertThat(last).isBetween(START.plusSeconds(60), START.plusSeconds(61));

        List<String> all = read(pod, "agent", false, false, null, null, START.plusSeconds(62));
        assertThat(all).hasSize(7 + 12);
        assertThat(all.get(0)).isEqualTo("Info       Starting ElizaOS agent server (elizaos-agent:1.4.4)");
        assertThat(all.get(5)).isEqualTo("Success    AgentServer is listening on port 3000");
    }

    @Test
    void theBootLinesEndByTheTimeThePodWasReady() {
        Pod pod = running();
        pod.getMetadata().getAnnotations().put(SimulatedKubelet.SETTLES_AT, START.plusMillis(500).toString());

        List<String> boot = read(pod, null, false, true, START.plusMillis(600), null, START.plusSeconds(4))
                .stream().toList();
        List<String> all = read(pod, null, false, true, null, null, START.plusSeconds(4));
        assertThat(boot).isEmpty();
        assertThat(all).hasSize(7).isSortedAccordingTo((a, b) -> Instant.parse(a.substring(0, a.indexOf(' ')))
                .compareTo(Instant.parse(b.substring(0, b.indexOf(' ')))));
    }

    @Test
    void sinceTimeKeepsTheLinesFromThatTimeAndTailTheLastOnes() {
        Pod pod = running();
        List<String> since = read(pod, null, false, true, START.plusSeconds(30), null, START.plusSeconds(62));
        assertThat(since).hasSize(7);
        assertThat(since.get(0)).endsWith("uptime 30s");
        assertThat(read(pod, null, false, false, START.plusSeconds(30), 2, START.plusSeconds(62)))
                .containsExactly("Info       Heartbeat: agent agent-1 healthy, uptime 55s",
                        "Info       Heartbeat: agent agent-1 healthy, uptime 60s");
        assertThat(read(pod, null, false, false, null, 0, START.plusSeconds(62))).isEmpty();
        assertThat(SimulatedLogs.read(pod, new SimulatedLogs.Request(null, false, false, null, null, 10L),
                START.plusSeconds(62))).hasSize(10);
    }

    @Test
    void aCrashedContainerServesItsLastRunAsCurrentAndPrevious() {
        Pod pod = running();
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("agent").withRestartCount(6)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                .withStartedAt("2026-01-01T10:00:10Z").withFinishedAt("2026-01-01T10:00:13Z")
                .withContainerID("containerd://abc").endTerminated().endLastState().build()));

        List<String> previous = read(pod, "agent", true, false, null, null, START.plusSeconds(60));
        assertThat(previous).last().asString().isEqualTo("Fatal      Agent server exiting with code 1");
        assertThat(previous).anySatisfy(l -> assertThat(l).startsWith("Error      Failed to start agent agent-1"));
        assertThat(read(pod, "agent", false, false, null, null, START.plusSeconds(60))).isEqualTo(previous);
    }

    @Test
    void refusesAsTheKubeletDoes() {
        Pod ready = running();
        assertRefused(ready, "agent", true, "previous terminated container \"agent\" in pod \"agent-1-abc\" not found");
        assertRefused(ready, "sidecar", false, "container sidecar is not valid for pod agent-1-abc");

        Pod creating = running();
        creating.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("agent")
                .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build()));
        assertRefused(creating, null, false,
                "container \"agent\" in pod \"agent-1-abc\" is waiting to start: ContainerCreating");

        Pod pulling = running();
        pulling.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("agent")
                .withNewState().withNewWaiting().withReason("ImagePullBackOff").endWaiting().endState().build()));
        assertRefused(pulling, null, false,
                "container \"agent\" in pod \"agent-1-abc\" is waiting to start: trying and failing to pull image");

        Pod unscheduled = running();
        unscheduled.getSpec().setNodeName(null);
        assertRefused(unscheduled, null, false, "pod agent-1-abc does not have a host assigned");
    }

    @Test
    void agesReadAsKubectlPrintsThem() {
        assertThat(ApiTables.humanDuration(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(ApiTables.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(ApiTables.humanDuration(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(ApiTables.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
        assertThat(ApiTables.humanDuration(Duration.ofMinutes(200))).isEqualTo("3h20m");
        assertThat(ApiTables.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(ApiTables.humanDuration(Duration.ofHours(50))).isEqualTo("2d2h");
        assertThat(ApiTables.humanDuration(Duration.ofDays(20))).isEqualTo("20d");
    }

    private static void assertRefused(Pod pod, String container, boolean previous, String message) {
        assertThatThrownBy(() -> read(pod, container, previous, false, null, null, START.plusSeconds(60)))
                .isInstanceOf(SimulatedLogs.Refused.class).hasMessage(message);
    }

    private static List<String> read(Pod pod, String container, boolean previous, boolean timestamps, Instant since,
                                     Integer tail, Instant now) {
        return SimulatedLogs.read(pod, new SimulatedLogs.Request(container, previous, timestamps, since, tail, null),
                now).lines().toList();
    }

    /** A pod whose container has run since {@link #START}, Ready 3 s later. */
    private static Pod running() {
        return new PodBuilder().withNewMetadata().withName("agent-1-abc").withNamespace("agents-x")
                .addToLabels("agent-id", "agent-1")
                .addToAnnotations(SimulatedKubelet.SETTLES_AT, START.plusSeconds(3).toString()).endMetadata()
                .withNewSpec().withNodeName(SimulatedCluster.NODE).addNewContainer().withName("agent")
                .withImage("elizaos-agent:1.4.4").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(START.toString())
                .addNewContainerStatus().withName("agent").withReady(true).withRestartCount(0)
                .withContainerID("containerd://run").withNewState().withNewRunning().withStartedAt(START.toString())
                .endRunning().endState().endContainerStatus().endStatus().build();
    }
}
