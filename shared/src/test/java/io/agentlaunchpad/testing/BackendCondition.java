package io.agentlaunchpad.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Registered for every test (JUnit extension auto-detection): says once, at the start of the run, which backend the
 * tests use, and skips every test - loudly, with the reason - when that backend cannot run here. In a module that
 * runs the stack end-to-end test ({@link AwsStackPrerequisites#RUNS_HERE}), the banner also says whether that test
 * runs or why it is skipped, and the test itself is skipped with that reason.
 */
public class BackendCondition implements ExecutionCondition {

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestBackend backend = TestBackend.current();
        Optional<String> reason = backend.unavailableReason();
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.out.println(banner(backend, reason,
                    Boolean.getBoolean(AwsStackPrerequisites.RUNS_HERE) ? AwsStackPrerequisites.current() : null));
        }
        return skipReason(backend, reason, context.getTags().contains(AwsStackPrerequisites.TAG),
                AwsStackPrerequisites::current)
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("backend: " + backend.name().toLowerCase()));
    }

    /** The lines printed once per run; {@code stack} is null where the stack test does not run. */
    static String banner(TestBackend backend, Optional<String> reason, AwsStackPrerequisites stack) {
        StringBuilder banner = new StringBuilder("[test backend] ").append(backend.description());
        reason.ifPresent(r -> banner.append("\n[test backend] ").append(r));
        if (backend == TestBackend.AWS && stack != null) {
            banner.append("\n[test backend] ").append(stack.banner());
        }
        return banner.toString();
    }

    /** Why a test is skipped, if it is: the backend cannot run here, or it is the stack test and lacks something. */
    static Optional<String> skipReason(TestBackend backend, Optional<String> backendReason, boolean stackTest,
                                       Supplier<AwsStackPrerequisites> stack) {
        if (backendReason.isPresent() || !stackTest) {
            return backendReason;
        }
        if (backend != TestBackend.AWS) {
            return Optional.of("aws-e2e stack: runs only with -Paws-e2e (this run's backend is "
                    + backend.name().toLowerCase() + ")");
        }
        return stack.get().missing().map(missing -> "aws-e2e stack: SKIPPED - " + missing);
    }
}
