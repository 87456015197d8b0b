package io.agentlaunchpad.infra.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.agentlaunchpad.infra.e2e.StackRun.Phase.AFTER_DESTROY;
import static io.agentlaunchpad.infra.e2e.StackRun.Phase.BEFORE_DESTROY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stack test's teardown, with stand-ins for the CLI and the clean-ups: the stack is destroyed whatever failed,
 * after what needs it and before what is on the cluster, and a destroy that fails is loud and fails the test.
 */
class StackRunTest {

    final List<String> happened = new ArrayList<>();
    final List<String> shouted = new ArrayList<>();

    StackRun run() {
        return new StackRun("AgentLaunchpad-e2etest0001", "in eu-west-1 on EKS cluster agents", line -> { },
                shouted::add);
    }

    ProcessRun destroyed() {
        happened.add("destroy");
        return new ProcessRun(0, false, List.of());
    }

    @Test
    void aPassingRun_destroysTheStackAndSaysItRan() throws Exception {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.step("deploy", () -> {
                run.deployStarting(this::destroyed, "cdk destroy ...");
                return null;
            });
            return null;
        });
        assertThat(happened).containsExactly("destroy");
        assertThat(shouted).isEmpty();
        assertThat(outcome.banner()).startsWith("aws-e2e stack: RAN - AgentLaunchpad-e2etest0001 deployed in eu-west-1 on "
                + "EKS cluster agents, every step passed, the stack destroyed (0 min ");
        outcome.rethrow();
    }

    @Test
    void aFailingStep_stillDestroys_inOrder_andTheTestFailsWithTheStepsError() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.deployStarting(this::destroyed, "cdk destroy ...");
            run.cleanup(AFTER_DESTROY, "close client", () -> happened.add("close client"));
            run.cleanup(AFTER_DESTROY, "delete namespace", () -> happened.add("delete namespace"));
            run.cleanup(AFTER_DESTROY, "remove rbac", () -> happened.add("remove rbac"));
            run.cleanup(BEFORE_DESTROY, "remove key", () -> happened.add("remove key"));
            run.cleanup(BEFORE_DESTROY, "delete agent", () -> {
                happened.add("delete agent");
                throw new IllegalStateException("API down");
            });
            run.step("seed flow", () -> {
                throw new AssertionError("waited 16 min for DEPLOYED in vain");
            });
            return null;
        });
        // The agent before its key, both before the destroy; the cluster's objects after it, the client last.
        assertThat(happened).containsExactly("delete agent", "remove key", "destroy", "remove rbac", "delete namespace",
                "close client");
        assertThat(outcome.banner()).startsWith("aws-e2e stack: RAN and FAILED at step 'seed flow' - waited 16 min for "
                + "DEPLOYED in vain; stack AgentLaunchpad-e2etest0001 destroyed; clean-up incomplete: delete agent failed: API down");
        assertThatThrownBy(outcome::rethrow).hasMessage("waited 16 min for DEPLOYED in vain");
    }

    @Test
    void aFailureBeforeTheDeploy_destroysNothing() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> run.step("preflight", () -> {
            throw new AssertionError("EKS cluster agents has authentication mode CONFIG_MAP");
        }));
        assertThat(happened).isEmpty();
        assertThat(outcome.banner()).startsWith("aws-e2e stack: RAN and FAILED at step 'preflight' - EKS cluster agents "
                + "has authentication mode CONFIG_MAP; no stack was deployed");
    }

    @Test
    void aFailedDeploy_isStillDestroyed() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.deployStarting(this::destroyed, "cdk destroy ...");
            return run.step("cdk deploy", () -> {
                throw new AssertionError("cdk deploy exited 1");
            });
        });
        assertThat(happened).containsExactly("destroy");
        assertThat(outcome.deployStarted()).isTrue();
        assertThat(outcome.banner()).contains("stack AgentLaunchpad-e2etest0001 destroyed");
    }

    @Test
    void aFailedDestroy_isLoud_namesTheStackLeftBehind_andFailsTheTest() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.deployStarting(() -> new ProcessRun(1, false, List.of("AgentLaunchpad-e2etest0001: destroy failed",
                    "Resource handler returned message: \"Table is being deleted\"")), "cd infra-cdk && cdk destroy X");
            return null;
        });
        String expected = "DESTROY FAILED - stack AgentLaunchpad-e2etest0001 is LEFT BEHIND and costs money until it is "
                + "removed: cd infra-cdk && cdk destroy X";
        assertThat(outcome.destroyProblem()).startsWith(expected).contains("exited 1").contains("Table is being deleted");
        assertThat(shouted).containsExactly(outcome.destroyProblem());
        assertThat(outcome.banner()).startsWith("aws-e2e stack: " + expected);
        assertThatThrownBy(outcome::rethrow).isInstanceOf(AssertionError.class).hasMessageStartingWith(expected);
    }

    @Test
    void aDestroyThatThrows_isAFailedDestroy_andTheRunsOwnFailureIsKept() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.deployStarting(() -> {
                throw new IllegalStateException("could not start cdk");
            }, "cdk destroy X");
            return run.step("read outputs", () -> {
                throw new IllegalStateException("no output ApiUrl");
            });
        });
        assertThat(outcome.banner()).contains("LEFT BEHIND").contains("could not start cdk")
                .contains("the run had FAILED at step 'read outputs': no output ApiUrl");
        assertThatThrownBy(outcome::rethrow).hasMessageContaining("LEFT BEHIND")
                .cause().hasMessage("no output ApiUrl");
    }

    @Test
    void aCleanupThatFails_afterAPassingRun_failsTheTest() {
        StackRun run = run();
        StackRun.Outcome outcome = run.run(() -> {
            run.cleanup(AFTER_DESTROY, "delete namespace", () -> {
                throw new IllegalStateException("forbidden");
            });
            return null;
        });
        assertThatThrownBy(outcome::rethrow).hasMessage("clean-up incomplete: delete namespace failed: forbidden");
    }
}
