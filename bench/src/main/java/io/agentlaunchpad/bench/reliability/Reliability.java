package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.local.LocalPlatform;
import io.agentlaunchpad.local.LocalTokenIssuer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./launchpad reliability [bad-input|access|load|faults|all] [minutes] [rate]}: each suite on a freshly started
 * local platform (its own temporary state directory, loopback only), its figures printed and written to
 * {@code bench/results/reliability-<suite>.json}. {@code all} is the two quick suites; the load suite runs for
 * minutes (10 by default, at 200 requests/s), the fault suite too (4 by default, at 50 requests/s). Returns non-zero
 * when any suite found a failure.
 */
public final class Reliability {

    static final String TABLE_PREFIX = "launchpad-";
    static final Path RESULTS = Path.of("bench", "results");

    private Reliability() {
    }

    public static int run(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        List<String> suites = switch (which) {
            case "all" -> List.of("bad-input", "access");
            case "bad-input", "access", "load", "faults" -> List.of(which);
            default -> {
                System.err.println("unknown suite '" + which + "'; one of: bad-input, access, load, faults, all");
                yield List.of();
            }
        };
        if (suites.isEmpty()) {
            return 2;
        }
        boolean failed = false;
        for (String suite : suites) {
            liftLimits();
            if (suite.equals("load")) {
                RateLimitCheck.configure();
            }
            Path home = Files.createTempDirectory("launchpad-reliability");
            Tally tally;
            // The platform verifies bearer tokens with this run's own key, as it would with the SSO's.
            LocalTokenIssuer tokens = LocalTokenIssuer.create(home);
            Map<String, String> environment = new HashMap<>(tokens.environment());
            if (suite.equals("faults")) {
                environment.putAll(FaultSuite.ENVIRONMENT);
            }
            try (LocalPlatform.Running platform = LocalPlatform.startIn(home, environment)) {
                tally = switch (suite) {
                    case "bad-input" -> new BadInputSuite(platform).run();
                    case "access" -> new AccessMatrixSuite(platform, tokens).run();
                    case "faults" -> new FaultSuite(platform, Duration.ofSeconds(Math.round(60 * number(args, 1, 4))),
                            number(args, 2, 50)).run();
                    default -> new LoadSuite(platform, Duration.ofSeconds(Math.round(60 * number(args, 1, 10))),
                            number(args, 2, 200)).run();
                };
            } finally {
                deleteQuietly(home);
            }
            tally.print(suite.equals("bad-input") ? "input category" : suite.equals("access") ? "route" : "request");
            System.out.println("written to " + tally.write(RESULTS));
            failed |= tally.failed();
        }
        return failed ? 1 : 0;
    }

    private static double number(String[] args, int index, double fallback) {
        return args.length > index ? Double.parseDouble(args[index]) : fallback;
    }

    /**
     * The suites make thousands of calls in a minute with a handful of keys, and the access matrix mints a key per
     * cell: the per-key rate limits, usage plans, quotas and the cap of active keys per user are lifted for every role
     * (they have their own tests), as local/e2e.sh does with LAUNCHPAD_* variables.
     * Set as system properties before the platform starts: its SmallRye config reads them (ordinal 400, above the
     * environment's 300), as ApiOverheadBench does.
     */
    static void liftLimits() {
        for (String role : List.of("admin", "user", "viewer")) {
            System.setProperty("launchpad.rate-limits." + role, "100000000,100000000");
            System.setProperty("launchpad.usage-plans." + role, "rate=100000,burst=100000,quota=100000000");
        }
        System.setProperty("launchpad.quotas.admin", "agents=100000,replicas=10,cpu=1000000,memory=100000Ti");
        System.setProperty("launchpad.quotas.user", "agents=100000,replicas=10,cpu=1000000,memory=100000Ti");
        System.setProperty("launchpad.keys.max-active-per-user", "100000");
    }

    private static void deleteQuietly(Path home) {
        try (var paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary directory: the OS cleans what is left
        }
    }
}
