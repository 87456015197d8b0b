package io.agentlaunchpad.bench;

import io.agentlaunchpad.bench.coldstart.ColdStartBench;

import java.util.Arrays;

/** The bench jar's entry: {@code cold-start [rounds]}, or the API overhead and scale benchmark's arguments. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cold-start")) {
            ColdStartBench.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            ApiOverheadBench.main(args);
        }
    }
}
