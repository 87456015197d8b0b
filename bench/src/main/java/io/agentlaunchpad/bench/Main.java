package io.agentlaunchpad.bench;

import io.agentlaunchpad.bench.reliability.Reliability;

import java.util.Arrays;

/**
 * The bench jar's entry: {@code reliability [suite]} runs the reliability suites; anything else is the API overhead
 * benchmark with its own arguments ({@code [rounds] [agents]}), exactly as {@code ./launchpad bench} always ran it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reliability")) {
            System.exit(Reliability.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        ApiOverheadBench.main(args);
    }
}
