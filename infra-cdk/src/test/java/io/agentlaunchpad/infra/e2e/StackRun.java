package io.agentlaunchpad.infra.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of the stack test, as named steps, and its teardown: whatever a step throws, the clean-ups registered so
 * far run - those that need the stack first, then the stack's destroy (once its deploy has started), then those on
 * the cluster; within a phase the last registered runs first, like try-with-resources. A clean-up that fails does
 * not stop the next, and a destroy that fails is reported loudly with the name of the stack left behind and the
 * command that removes it. The outcome's banner line says how the run ended.
 */
final class StackRun {

    /** Clean-ups that need the deployed stage (its API, its deployer) run before the destroy; the others after. */
    enum Phase { BEFORE_DESTROY, AFTER_DESTROY }

    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    record Cleanup(Phase phase, String what, Runnable action) {
    }

    /** How the run ended; {@link #rethrow()} fails the test when it should. */
    record Outcome(String stackName, String where, String failedStep, Throwable failure, boolean deployStarted,
                   String destroyProblem, List<String> cleanupProblems, Duration took) {

        String banner() {
            String cleanup = cleanupProblems.isEmpty() ? "" : "; clean-up incomplete: " + String.join("; ", cleanupProblems);
            String time = " (" + minutes(took) + ")";
            if (destroyProblem != null) {
                return "aws-e2e stack: " + destroyProblem + (failure == null ? ""
                        : " - the run had FAILED at step '" + failedStep + "': " + firstLine(failure)) + cleanup + time;
            }
            if (failure != null) {
                return "aws-e2e stack: RAN and FAILED at step '" + failedStep + "' - " + firstLine(failure) + "; "
                        + (deployStarted ? "stack " + stackName + " destroyed" : "no stack was deployed") + cleanup + time;
            }
            return "aws-e2e stack: RAN - " + stackName + " deployed " + where + ", every step passed, the stack destroyed"
                    + cleanup + time;
        }

        void rethrow() throws Exception {
            if (destroyProblem != null) {
                throw new AssertionError(destroyProblem, failure);
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure != null) {
                throw (Error) failure;
            }
            if (!cleanupProblems.isEmpty()) {
                throw new AssertionError("clean-up incomplete: " + String.join("; ", cleanupProblems));
            }
        }
    }

    private final String stackName;
    private final String where;
    private final Consumer<String> log;
    private final Consumer<String> loud;
    private final List<Cleanup> cleanups = new ArrayList<>();
    private Supplier<ProcessRun> destroy;
    private String destroyCommand;
    private String step = "start";

    /** {@code where}: the region and cluster, for the banner ("in eu-west-1 on EKS cluster agents"). */
    StackRun(String stackName, String where, Consumer<String> log) {
        this(stackName, where, log, StackRun::shout);
    }

    /** {@code loud} gets the message of a failed destroy, at once (by default framed on stdout and stderr). */
    StackRun(String stackName, String where, Consumer<String> log, Consumer<String> loud) {
        this.stackName = stackName;
        this.where = where;
        this.log = log;
        this.loud = loud;
    }

    <T> T step(String name, Step<T> action) throws Exception {
        step = name;
        long started = System.nanoTime();
        log.accept("step: " + name);
        T result = action.run();
        log.accept("done: " + name + " (" + minutes(Duration.ofNanos(System.nanoTime() - started)) + ")");
        return result;
    }

    /**
     * From now on the stack may exist: the teardown destroys it with {@code destroy}; {@code command} is what an
     * operator runs by hand if that fails.
     */
    void deployStarting(Supplier<ProcessRun> destroy, String command) {
        this.destroy = destroy;
        this.destroyCommand = command;
    }

    void cleanup(Phase phase, String what, Runnable action) {
        cleanups.add(new Cleanup(phase, what, action));
    }

    Outcome run(Step<?> body) {
        long started = System.nanoTime();
        Throwable failure = null;
        String failedStep = null;
        String destroyProblem = null;
        List<String> problems = new ArrayList<>();
        try {
            body.run();
        } catch (Throwable t) {
            failure = t;
            failedStep = step;
            log.accept("FAILED at step '" + step + "': " + t);
        } finally {
            runCleanups(Phase.BEFORE_DESTROY, problems);
            if (destroy != null) {
                destroyProblem = destroyStack();
            }
            runCleanups(Phase.AFTER_DESTROY, problems);
        }
        return new Outcome(stackName, where, failedStep, failure, destroy != null, destroyProblem, List.copyOf(problems),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void runCleanups(Phase phase, List<String> problems) {
        List<Cleanup> lastFirst = new ArrayList<>(cleanups);
        java.util.Collections.reverse(lastFirst);
        for (Cleanup cleanup : lastFirst) {
            if (cleanup.phase() != phase) {
                continue;
            }
            try {
                log.accept("clean-up: " + cleanup.what());
                cleanup.action().run();
            } catch (RuntimeException | AssertionError e) {
                String problem = cleanup.what() + " failed: " + firstLine(e);
                log.accept(problem);
                problems.add(problem);
            }
        }
    }

    /** Destroys the stack; the loud message naming what is left behind, if that failed. */
    private String destroyStack() {
        log.accept("destroying " + stackName);
        ProcessRun run;
        try {
            run = destroy.get();
        } catch (RuntimeException e) {
            run = new ProcessRun(-1, false, List.of(e.toString()));
        }
        if (run.succeeded()) {
            log.accept(stackName + " destroyed");
            return null;
        }
        String message = "DESTROY FAILED - stack " + stackName + " is LEFT BEHIND and costs money until it is removed: "
                + destroyCommand + " (or delete it in the CloudFormation console); the destroy "
                + (run.timedOut() ? "timed out" : "exited " + run.exitCode())
                + (run.tail().isEmpty() ? "" : ", its last lines:\n  " + String.join("\n  ", run.tail()));
        loud.accept(message);
        return message;
    }

    private static void shout(String message) {
        String rule = "!".repeat(100);
        System.err.println(rule + "\n[test backend] aws-e2e stack: " + message + "\n" + rule);
        System.out.println(rule + "\n[test backend] aws-e2e stack: " + message + "\n" + rule);
    }

    static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    static String minutes(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
