package io.agentlaunchpad.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registered for every test (JUnit extension auto-detection): says once, at the start of the run, which backend the
 * tests use, and skips every test - loudly, with the reason - when that backend cannot run here.
 */
public class BackendCondition implements ExecutionCondition {

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestBackend backend = TestBackend.current();
        var reason = backend.unavailableReason();
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.out.println("[test backend] " + backend.description()
                    + reason.map(r -> "\n[test backend] " + r).orElse(""));
        }
        return reason.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("backend: " + backend.name().toLowerCase()));
    }
}
