package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.local.Faults;
import io.agentlaunchpad.local.LocalPlatform;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./launchpad reliability faults [minutes] [rate]}: {@link Traffic}'s users through the local platform while
 * faults come one after another ({@link #PHASES}): the Kubernetes API answering 409, 429 and 500; the DynamoDB
 * emulator killed and started again; SQS handing records over twice and redelivering records that succeeded; the
 * deployer dying right after an apply, before its status write. Then {@link EndState}: no agent stuck, no lost
 * command (every acknowledged write shows), no duplicate or orphan object, every FAILED agent saying why with an
 * event. A 503 in the error format is a fair answer while a fault that reaches the API lasts; any other 5xx, or a 503
 * outside those windows, is a failure.
 */
final class FaultSuite {

    static final int USERS = 8;
    static final int AGENTS_PER_USER = 3;

    /** The platform's settings for this suite: failed records and lost commands come back within seconds. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "5",
            "LAUNCHPAD_RECONCILE_SECONDS", "5");

    /** One fault, from and to a fraction of the run; {@code reachesApi}: whether a 503 is then a fair answer. */
    private record Phase(String name, double from, double to, boolean reachesApi, Injection start) {
    }

    private interface Injection {
        void start(Faults faults);
    }

    private static final List<Phase> PHASES = List.of(
            new Phase("Kubernetes API answers 409/429/500 to 15% of requests", 0.08, 0.28, true,
                    f -> f.kubernetesErrors(0.15, Set.of(409, 429, 500))),
            new Phase("DynamoDB emulator killed, started again 15 s later", 0.33, 0.33, true, Faults::stopDynamo),
            new Phase("SQS: 30% of records handed over twice, 20% redelivered after success", 0.50, 0.68, false,
                    f -> {
                        f.duplicateDeliveries(0.3);
                        f.redeliverAfterSuccess(0.2);
                    }),
            new Phase("deployer dies after 30% of applies, before the status write", 0.72, 0.90, false,
                    f -> f.crashAfterApply(0.3)));

    private static final Duration DYNAMO_OUTAGE = Duration.ofSeconds(15);

    private final LocalPlatform.Running platform;
    private final Traffic.Settings settings;
    private final Tally tally = new Tally("faults");

    FaultSuite(LocalPlatform.Running platform, Duration duration, double rate) {
        this.platform = platform;
        this.settings = new Traffic.Settings(rate, duration, AGENTS_PER_USER);
    }

    Tally run() throws Exception {
        Api api = new Api(platform.baseUrl());
        Faults faults = platform.faults();
        try (LogWatch logs = LogWatch.install()) {
            logs.watchFor(platform.adminKey());
            List<Api.Key> users = Traffic.users(api, platform.adminKey(), "fault", USERS, logs);
            FaultWindow window = new FaultWindow(Duration.ofSeconds(10));
            Traffic traffic = new Traffic(platform.baseUrl(), settings, tally, window);
            Thread schedule = new Thread(() -> inject(faults, window), "fault-schedule");
            schedule.setDaemon(true);
            schedule.start();
            Collection<Traffic.Expected> agents = traffic.run(users);
            schedule.interrupt();
            schedule.join(30_000);
            faults.clear();
            faults.startDynamo();

            report(traffic, faults);
            new EndState(platform, tally, true).check(agents, users, Duration.ofMinutes(4));
            logs.report(tally);
        } finally {
            faults.clear();
        }
        return tally;
    }

    /** Runs the phases on the run's clock; each fault lifted at its phase's end. */
    private void inject(Faults faults, FaultWindow window) {
        long started = System.nanoTime();
        try {
            for (Phase phase : PHASES) {
                sleepUntil(started, phase.from());
                System.out.println("fault: " + phase.name());
                if (phase.reachesApi()) {
                    window.open();
                }
                phase.start().start(faults);
                if (phase.from() == phase.to()) {
                    Thread.sleep(DYNAMO_OUTAGE.toMillis());
                    faults.startDynamo();
                } else {
                    sleepUntil(started, phase.to());
                }
                faults.clear();
                if (phase.reachesApi()) {
                    window.close();
                }
                System.out.println("fault lifted: " + phase.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleepUntil(long started, double fraction) throws InterruptedException {
        long at = started + (long) (settings.duration().toNanos() * fraction);
        long wait = at - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private void report(Traffic traffic, Faults faults) {
        System.out.println();
        System.out.print(traffic.latencyTable());
        Map<String, Long> injected = new LinkedHashMap<>(faults.injected());
        tally.put("faultsInjected", injected);
        tally.put("requests", traffic.requests());
        tally.put("achievedRate", Math.round(traffic.achievedRate() * 10) / 10.0);
        tally.put("writesRetried", traffic.retries());
        tally.put("answered503UnderFault", traffic.refusedUnderFault());
        tally.note("faults injected: " + injected);
        tally.note(traffic.requests() + " requests (" + Math.round(traffic.achievedRate()) + "/s); "
                + traffic.refusedUnderFault() + " answered 503 while a fault reached the API; " + traffic.retries()
                + " write retries after a 503");
        long total = injected.values().stream().mapToLong(Long::longValue).sum();
        for (String kind : List.of("dynamoStops", "duplicatedDeliveries", "redeliveries", "kubernetes409",
                "kubernetes429", "kubernetes500", "deployerCrashes")) {
            if (injected.getOrDefault(kind, 0L) == 0) {
                tally.failure("no fault of kind " + kind + " was injected: the run proves nothing about it");
            }
        }
        if (total == 0) {
            tally.failure("no fault was injected at all");
        }
    }
}
