package io.agentlaunchpad.bench;

import io.agentlaunchpad.bench.coldstart.ColdStartBench;
import io.agentlaunchpad.bench.reliability.Reliability;

import java.util.Arrays;

/**
 * The bench jar's entry: {@code cold-start [rounds]}, {@code throughput [sizes] [rounds] [clients]} and
 * {@code reliability [suite]}; anything else is the API overhead benchmark with its own arguments
 * ({@code [rounds] [agents]}), exactly as {@code ./launchpad bench} always ran it.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs one command and exits with its status (0 done, 1 failed): each command closes what it started, but a
     * library thread that outlives its close (the simulated cluster's Vert.x event loops are not daemons) must not
     * keep the JVM, and the shell waiting on it, alive after the results are written.
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args) throws Exception {
        // JBoss LogManager without a configuration logs everything (root ALL): the platform would run with every
        // library's trace logging on, slower than anywhere it really runs. INFO is the Lambdas' level.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("cold-start")) {
            ColdStartBench.main(rest);
        } else if (args.length > 0 && args[0].equals("throughput")) {
            DeployerThroughputBench.main(rest);
        } else if (args.length > 0 && args[0].equals("reliability")) {
            return Reliability.run(rest);
        } else {
            ApiOverheadBench.main(args);
        }
        return 0;
    }
}
