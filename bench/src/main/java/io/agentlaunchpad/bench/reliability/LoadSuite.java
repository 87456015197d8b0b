package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.local.LocalPlatform;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./launchpad reliability load [minutes] [rate]}: {@link Traffic}'s users at a steady rate through the local
 * platform for minutes, a rate-limited caller beside them ({@link RateLimitCheck}), and the platform's log read for
 * secrets ({@link LogWatch}); then {@link EndState}. Fails on any 5xx, lost write, stuck agent, leaked secret, wrong
 * rate-limit answer, or a rate the platform could not sustain.
 */
final class LoadSuite {

    static final int USERS = 24;
    static final int AGENTS_PER_USER = 3;

    private final LocalPlatform.Running platform;
    private final Traffic.Settings settings;
    private final Tally tally = new Tally("load");

    LoadSuite(LocalPlatform.Running platform, Duration duration, double rate) {
        this.platform = platform;
        this.settings = new Traffic.Settings(rate, duration, AGENTS_PER_USER);
    }

    Tally run() throws Exception {
        Api api = new Api(platform.baseUrl());
        try (LogWatch logs = LogWatch.install()) {
            logs.watchFor(platform.adminKey());
            List<Api.Key> users = Traffic.users(api, platform.adminKey(), "load", USERS, logs);
            Api.Key limited = api.unusedKey(platform.adminKey(), "limited", RateLimitCheck.ROLE.toUpperCase(Locale.ROOT));
            logs.watchFor(limited.apiKey());

            RateLimitCheck limits = new RateLimitCheck(platform.baseUrl(), limited, tally);
            Thread limitThread = new Thread(limits, "load-rate-limit");
            limitThread.setDaemon(true);
            limitThread.start();
            Traffic traffic = new Traffic(platform.baseUrl(), settings, tally, FaultWindow.never());
            Collection<Traffic.Expected> agents = traffic.run(users);
            limits.stop();
            limitThread.interrupt();
            limitThread.join(10_000);
            limits.verify();

            report(traffic);
            new EndState(platform, tally, false).check(agents, users, Duration.ofMinutes(3));
            logs.report(tally);
        }
        return tally;
    }

    private void report(Traffic traffic) {
        System.out.println();
        System.out.print(traffic.latencyTable());
        double achieved = traffic.achievedRate();
        tally.put("targetRate", settings.rate());
        tally.put("achievedRate", Math.round(achieved * 10) / 10.0);
        tally.put("requests", traffic.requests());
        tally.put("seconds", Math.round(traffic.seconds()));
        tally.put("latencies", traffic.latencyFigures());
        tally.note(String.format(Locale.ROOT, "%d requests in %.0f s: %.1f requests/s against a target of %.0f",
                traffic.requests(), traffic.seconds(), achieved, settings.rate()));
        if (achieved < settings.rate() * 0.95) {
            tally.failure(String.format(Locale.ROOT, "the platform sustained %.1f requests/s, below the %.0f asked",
                    achieved, settings.rate()));
        }
    }
}
