package io.agentlaunchpad.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTest {

    private static Observation crashLooping(String lastWords) {
        Observation.PodState pod = new Observation.PodState("agent-a-1", "Running", false, null, "CrashLoopBackOff",
                "back-off 20s restarting failed container=agent", null, "Error", lastWords, 2, null);
        return new Observation(1, 0, 1, false, "img", "sum", 1, List.of(), List.of(pod));
    }

    @Test
    void aCrashLoopQuotesTheLastLinesTheAgentWroteBeforeExiting() {
        String reason = PodDiagnosis.failure(crashLooping("""
                [start-agent] loading character
                [start-agent] plugin @elizaos/plugin-web3 is not installed in this agent image; refusing to start
                """), "1Gi").orElseThrow();

        assertThat(reason).startsWith("CrashLoopBackOff: the agent exits at start-up (2 restarts). Its last lines: ")
                .contains("loading character | [start-agent] plugin @elizaos/plugin-web3 is not installed")
                .endsWith("Check its logs, its plugins' settings and its platform credentials.");
    }

    @Test
    void onlyTheLastThreeLinesAndAtMost400CharactersAreQuoted() {
        String reason = PodDiagnosis.failure(crashLooping("one\ntwo\nthree\nfour\n" + "x".repeat(500)), "1Gi")
                .orElseThrow();

        assertThat(reason).doesNotContain("one").doesNotContain("two").contains("...");
        assertThat(PodDiagnosis.lastLines("one\ntwo\nthree\nfour")).isEqualTo("Its last lines: \"two | three | four\". ");
    }

    @Test
    void withoutATerminationMessageTheReasonSaysWhereToLook() {
        assertThat(PodDiagnosis.failure(crashLooping(null), "1Gi").orElseThrow())
                .isEqualTo("CrashLoopBackOff: the agent exits at start-up (2 restarts). Check its logs, its plugins'"
                        + " settings and its platform credentials.");
    }
}
