package io.agentlaunchpad.bench.minimal;

import io.quarkus.funqy.Funq;

/** The least a Funqy Lambda can do: the floor the functions' cold start is measured against. */
public class MinimalFunction {

    @Funq
    public String ping() {
        return "pong";
    }
}
