package io.agentlaunchpad.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the banner says and why a test is skipped, the stack end-to-end test's cases included. */
class BackendConditionTest {

    @TempDir
    Path home;

    AwsStackPrerequisites stack(Map<String, String> env) {
        return new AwsStackPrerequisites(env, home, home, exe -> true);
    }

    @Test
    void anOrdinaryTestRunsUnlessTheBackendCannot() {
        assertThat(BackendCondition.skipReason(TestBackend.EMULATORS, Optional.empty(), false, () -> null)).isEmpty();
        assertThat(BackendCondition.skipReason(TestBackend.AWS, Optional.of("aws-e2e: no AWS credentials"), false,
                () -> null)).contains("aws-e2e: no AWS credentials");
    }

    @Test
    void theStackTestRunsOnlyWithTheAwsBackend() {
        assertThat(BackendCondition.skipReason(TestBackend.EMULATORS, Optional.empty(), true, () -> null))
                .contains("aws-e2e stack: runs only with -Paws-e2e (this run's backend is emulators)");
    }

    @Test
    void theStackTestIsSkippedWithTheReasonOfWhatItLacks() {
        Map<String, String> env = Map.of("AWS_PROFILE", "e2e", "AWS_REGION", "eu-west-1");
        assertThat(BackendCondition.skipReason(TestBackend.AWS, Optional.empty(), true, () -> stack(env)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("aws-e2e stack: SKIPPED - no EKS cluster: set "
                        + "LAUNCHPAD_E2E_EKS_CLUSTER"));
        // Without credentials the backend's own reason comes first, for the stack test as for every other.
        assertThat(BackendCondition.skipReason(TestBackend.AWS, Optional.of("aws-e2e: no AWS credentials"), true,
                () -> stack(env))).contains("aws-e2e: no AWS credentials");
    }

    @Test
    void theBannerReportsOnTheStackTestOnlyWhereItRuns() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1");
        String reason = "aws-e2e: no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID or ~/.aws) - every test is SKIPPED, nothing was proved against AWS";
        assertThat(BackendCondition.banner(TestBackend.AWS, Optional.of(reason), stack(env)).split("\n")).containsExactly(
                "[test backend] " + TestBackend.AWS.description(),
                "[test backend] " + reason,
                "[test backend] aws-e2e stack: SKIPPED - no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID or ~/.aws)"
                        + " - the CDK stack was not deployed, nothing was proved on EKS");
        assertThat(BackendCondition.banner(TestBackend.AWS, Optional.of(reason), null).split("\n")).hasSize(2);
        assertThat(BackendCondition.banner(TestBackend.EMULATORS, Optional.empty(), stack(env)))
                .isEqualTo("[test backend] " + TestBackend.EMULATORS.description());
    }
}
