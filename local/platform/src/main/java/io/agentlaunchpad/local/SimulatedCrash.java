package io.agentlaunchpad.local;

/**
 * The deployer's invocation dying right after a Kubernetes apply, as a Lambda killed by its timeout or by memory
 * dies: an Error, so that no {@code catch (RuntimeException)} on the way runs its handling (the deploy function's
 * give-up, the reconciler's per-agent catch), as none would run in a killed Lambda.
 */
public final class SimulatedCrash extends Error {

    SimulatedCrash(String agentId) {
        super("simulated crash after applying agent " + agentId, null, false, false);
    }
}
