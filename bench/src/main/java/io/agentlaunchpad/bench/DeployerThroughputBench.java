package io.agentlaunchpad.bench;

import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.local.LocalPlatform;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark 3 of the proof issue: deployer throughput. For each size N, a freshly started local platform (its own
 * dynalite, ElasticMQ, simulated cluster and queue trigger, so no round inherits another's follow-ups, reconciler
 * work or table size); a few client threads create N agents through the HTTP API as fast as they can, and the
 * round ends when no agent is QUEUED any more — every record DEPLOYING or later, i.e. its objects applied to the
 * cluster. Reports agents/second from the first create to the last agent applied, the create rate on its own, each
 * agent's wait from its create's answer to its apply, and the Kubernetes API calls per agent against the minimum
 * (one per object: five per agent, four more for the owner's new namespace), with the calls of each step of the
 * deployer on its own (see {@link KubernetesCallAnatomy}), the DynamoDB/SQS calls per agent, the messages the
 * trigger received, and where the trigger thread's time went.
 *
 * <p>Usage: {@code ./launchpad bench throughput [sizes] [rounds] [client threads]}, e.g. the default
 * {@code throughput 1,100,1000 5,3,1 4}. Writes {@code bench/results/deployer-throughput.json} and {@code .txt}.
 */
public final class DeployerThroughputBench {

    private static final String AGENTS_TABLE = Tables.AGENTS.tableName("launchpad-");
    private static final String TRIGGER_THREAD = "sqs-trigger-deploy";
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(8);
    private static final long POLL_MILLIS = 100;

    /** One round's figures. */
    record Round(int agents, int round, double platformStartSeconds, double createSeconds, double appliedSeconds,
                 double confirmedSeconds,
                 double latencyP50Ms, double latencyP99Ms, Map<String, Long> kubernetes,
                 Map<String, Map<String, Long>> aws, Map<String, Long> triggerReceived, Map<String, Long> appliedBy,
                 Map<String, Long> finalStatuses, Map<String, String> queueAtEnd, Map<String, Double> triggerTime,
                 int triggerSamples, Map<String, Double> cpuSeconds, long gcMillis, double loadAverage) {

        double agentsPerSecond() {
            return agents / appliedSeconds;
        }

        double createsPerSecond() {
            return agents / createSeconds;
        }

        long kubernetesTotal() {
            return kubernetes.values().stream().mapToLong(Long::longValue).sum();
        }

        long kubernetes(String method) {
            return kubernetes.getOrDefault(method, 0L);
        }

        /** The minimum: one call per object, five per agent and four for the one new owner namespace. */
        long minimum() {
            return 5L * agents + 4;
        }

        long checks() {
            return triggerReceived.getOrDefault("CHECK", 0L);
        }

        long triggerAws(String operation) {
            return aws.getOrDefault(AwsCallCounter.TRIGGER, Map.of()).getOrDefault(operation, 0L);
        }

        /** Roll-outs (scan gate passed, objects applied): each records the image's verdict once, whoever ran it. */
        long rollOuts() {
            return aws.values().stream().mapToLong(calls -> calls.getOrDefault("DynamoDb PutItem (image-verdicts)", 0L))
                    .sum();
        }

        long appliedByReconciler() {
            return appliedBy.getOrDefault(AwsCallCounter.RECONCILER, 0L);
        }

        long received() {
            return triggerReceived.entrySet().stream().filter(e -> !e.getKey().startsWith("("))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int clients;

    private DeployerThroughputBench(int clients) {
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = ints(args.length > 0 ? args[0] : "1,100,1000");
        int[] rounds = ints(args.length > 1 ? args[1] : "5,3,1");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (rounds.length != sizes.length) {
            int[] padded = Arrays.copyOf(rounds, sizes.length);
            for (int i = rounds.length; i < sizes.length; i++) {
                padded[i] = 1;
            }
            rounds = padded;
        }
        // The benchmark measures the deployer, not the limits that would refuse this many creates.
        System.setProperty("launchpad.rate-limits.admin", "100000000,100000000");
        System.setProperty("launchpad.quotas.admin", "agents=1000000,replicas=10,cpu=100000000,memory=100000Ti");
        System.setProperty("launchpad.usage-plans.admin", "rate=100000,burst=100000,quota=100000000");
        AwsCallCounter.enable();
        AwsCallCounter.markBenchThread();
        long started = System.nanoTime();
        int status = 0;
        try {
            new DeployerThroughputBench(clients).run(sizes, rounds, started);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // fabric8's mock server leaves non-daemon threads behind: end the JVM, with the outcome.
        System.out.flush();
        System.exit(status);
    }

    private void run(int[] sizes, int[] rounds, long started) throws Exception {
        System.out.println("Deployer throughput: sizes " + Arrays.toString(sizes) + ", rounds "
                + Arrays.toString(rounds)
                + ", " + clients + " client threads, a fresh platform per round, "
                + Runtime.getRuntime().availableProcessors() + " cores");
        List<KubernetesCallAnatomy.Step> anatomy = KubernetesCallAnatomy.run();
        System.out.println("Kubernetes API calls per deployer step (own simulated cluster, the platform's adapter):");
        for (KubernetesCallAnatomy.Step step : anatomy) {
            System.out.printf(Locale.ROOT, "  %-55s %2d  %s%n", step.name(), step.calls().size(), step.summary());
        }
        System.out.println("warm-up round (20 agents, not reported)...");
        round(20, 0);
        List<Round> all = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            for (int r = 1; r <= rounds[i]; r++) {
                Round round = round(sizes[i], r);
                all.add(round);
                System.out.printf(Locale.ROOT, "  N=%d round %d: %.2f agents/s (%.2f s; creates %.2f s), K8s calls %d"
                                + " (%.1f/agent, minimum %.1f), CHECKs received %d, applied by %s%n",
                        round.agents(), r, round.agentsPerSecond(), round.appliedSeconds(), round.createSeconds(),
                        round.kubernetesTotal(), (double) round.kubernetesTotal() / round.agents(),
                        (double) round.minimum() / round.agents(), round.checks(), round.appliedBy());
            }
        }
        report(sizes, all, anatomy, (System.nanoTime() - started) / 1e9);
    }

    /** One round on a fresh platform: N creates, then wait until none is QUEUED. */
    private Round round(int n, int roundNumber) throws Exception {
        Path home = Files.createTempDirectory("launchpad-throughput");
        long starting = System.nanoTime();
        try (LocalPlatform.Running platform = LocalPlatform.startIn(home)) {
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            // Warm this platform's request path (a fresh dynalite is a fresh Node process) without deploying anything.
            for (int i = 0; i < 30; i++) {
                call(platform, "GET", "/api/agents?limit=1", null);
            }
            Thread.sleep(300);
            AwsCallCounter.reset();
            Map<String, Long> kubernetesBefore = platform.kubernetesRequests().snapshot();
            Map<String, Long> createdAt = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Exception> failure = new AtomicReference<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
                Thread t = new Thread(r, "bench-client");
                t.setDaemon(true);
                return t;
            });
            try (TriggerSampler sampler = TriggerSampler.start(TRIGGER_THREAD)) {
                CpuAccount cpu = CpuAccount.start();
                long t0 = System.nanoTime();
                List<Future<?>> workers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    workers.add(pool.submit(() -> {
                        int i;
                        while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                            try {
                                String body = String.format(Locale.ROOT, """
                                        {"agentName": "tp-%05d", "personality": {"bio": ["I am deployed in bulk"]},
                                         "selectedPlugins": ["@elizaos/plugin-bootstrap"],
                                         "resources": {"memory": "512Mi", "cpu": "250m"}}""", i);
                                String id = Json.tree(call(platform, "POST", "/api/agents", body)).get("agentId")
                                        .asText();
                                createdAt.put(id, System.nanoTime());
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    }));
                }
                long createsDone = -1;
                long confirmed = -1;
                long deadline = t0 + ROUND_TIMEOUT.toNanos();
                while (confirmed < 0) {
                    if (failure.get() != null) {
                        throw new IllegalStateException("a create failed", failure.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("N=" + n + ": not every agent applied within " + ROUND_TIMEOUT
                                + " (" + AwsCallCounter.appliedAt().size() + " of " + n + ")");
                    }
                    if (createsDone < 0 && workers.stream().allMatch(Future::isDone)) {
                        createsDone = createdAt.values().stream().mapToLong(Long::longValue).max().orElse(t0);
                    }
                    if (createsDone >= 0 && queuedLeft(platform) == 0) {
                        confirmed = System.nanoTime();
                    } else {
                        sleepUntilAppliedOr(createdAt.keySet(), n, POLL_MILLIS);
                    }
                }
                long end = confirmed;
                Map<String, Double> cpuSeconds = cpu.seconds();
                long gcMillis = cpu.gcMillisSince();
                double load = CpuAccount.loadAverage();
                // The interceptor files a write once its answer is parsed; the poll may have seen it a moment sooner.
                for (int wait = 0; wait < 100 && AwsCallCounter.appliedCount() < n; wait++) {
                    Thread.sleep(5);
                }
                Map<String, Long> kubernetesAfter = platform.kubernetesRequests().snapshot();
                Map<String, Map<String, Long>> aws = AwsCallCounter.calls();
                Map<String, Long> received = AwsCallCounter.received(AwsCallCounter.TRIGGER);
                Map<String, Long> appliedAt = AwsCallCounter.appliedAt();
                Map<String, String> appliedByRole = AwsCallCounter.appliedBy();
                if (sampler != null) {
                    sampler.close();
                }

                // Applied = the record's write out of QUEUED (seen by the SDK interceptor); the poll confirmed it.
                long lastApplied = createdAt.keySet().stream().mapToLong(id -> appliedAt.getOrDefault(id, end))
                        .max().orElse(end);
                Series latency = new Series("create answered -> applied");
                createdAt.forEach((id, created) -> latency.add(Math.max(0,
                        appliedAt.getOrDefault(id, end) - created)));
                Map<String, Long> appliedBy = new TreeMap<>();
                createdAt.keySet().forEach(id -> appliedBy.merge(appliedByRole.getOrDefault(id, "(not seen)"), 1L,
                        Long::sum));
                Map<String, Long> kubernetes = new TreeMap<>();
                kubernetesAfter.forEach((method, count) -> {
                    long delta = count - kubernetesBefore.getOrDefault(method, 0L);
                    if (delta != 0) {
                        kubernetes.put(method, delta);
                    }
                });
                return new Round(n, roundNumber, startSeconds, (createsDone - t0) / 1e9, (lastApplied - t0) / 1e9,
                        (confirmed - t0) / 1e9, latency.percentileMillis(50), latency.percentileMillis(99), kubernetes,
                        aws, received, appliedBy, statuses(platform), queue(platform),
                        sampler == null ? Map.of() : sampler.shares(), sampler == null ? 0 : sampler.samples(),
                        cpuSeconds, gcMillis, load);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            KubernetesCallAnatomy.deleteTree(home);
        }
    }

    /** Sleeps up to {@code millis}, waking early once the interceptor has seen N records applied (a fresh platform
     * holds only this round's agents). */
    private static void sleepUntilAppliedOr(java.util.Set<String> created, int n, long millis)
            throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (created.size() == n && AwsCallCounter.appliedCount() >= n) {
                return;
            }
            Thread.sleep(2);
        }
    }

    /** Agents still QUEUED: at most one read from the byStatus index (Limit 1), so the poll costs dynalite little. */
    private static int queuedLeft(LocalPlatform.Running platform) {
        QueryResponse page = platform.dynamo().query(b -> b.tableName(AGENTS_TABLE).indexName("byStatus")
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.builder().s("QUEUED").build()))
                .limit(1));
        return page.count();
    }

    /** What the deploy queue still holds when the round ends: commands not yet received, follow-ups delayed. */
    private static Map<String, String> queue(LocalPlatform.Running platform) {
        Map<String, String> out = new TreeMap<>();
        platform.sqs().getQueueAttributes(b -> b.queueUrl(platform.deployQueueUrl()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().forEach((name, value) -> {
                    String kind = name.toString().replace("ApproximateNumberOfMessages", "");
                    out.put(kind.isEmpty() ? "visible" : kind.toLowerCase(Locale.ROOT), value);
                });
        return out;
    }

    /** Every record's status once the round is over (one scan, outside the measured time). */
    private static Map<String, Long> statuses(LocalPlatform.Running platform) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = platform.dynamo().scan(b -> b.tableName(AGENTS_TABLE).projectionExpression("#s")
                    .expressionAttributeNames(Map.of("#s", "status")).exclusiveStartKey(from));
            page.items().forEach(item -> counts.merge(item.get("status").s(), 1L, Long::sum));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return counts;
    }

    private void report(int[] sizes, List<Round> rounds, List<KubernetesCallAnatomy.Step> anatomy, double seconds)
            throws Exception {
        StringBuilder txt = new StringBuilder();
        txt.append(String.format(Locale.ROOT, "Deployer throughput, %s, %d cores, %d client threads, a fresh local"
                        + " platform per round; medians over the rounds; total run %.0f s%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), clients, seconds));
        FigureTable summaries = new FigureTable();
        for (int n : Arrays.stream(sizes).distinct().toArray()) {
            List<Round> of = rounds.stream().filter(r -> r.agents() == n).toList();
            if (of.isEmpty()) {
                continue;
            }
            double perSecond = median(of, Round::agentsPerSecond);
            double creates = median(of, Round::createsPerSecond);
            double p50 = median(of, Round::latencyP50Ms);
            double p99 = median(of, Round::latencyP99Ms);
            double k8s = median(of, r -> (double) r.kubernetesTotal() / n);
            double minimum = (5.0 * n + 4) / n;
            double writes = median(of, r -> (double) (r.kubernetes("PATCH") + r.kubernetes("POST")
                    + r.kubernetes("PUT")) / n);
            double gets = median(of, r -> (double) r.kubernetes("GET") / n);
            double checks = median(of, r -> (double) r.checks());
            double receives = median(of, r -> (double) r.triggerAws("Sqs ReceiveMessage"));
            double messages = median(of, r -> (double) r.received());
            double byReconciler = median(of, r -> (double) r.appliedByReconciler());
            summaries.row().figure("agents", "%d", n, "agents").figure("rounds", "%d", of.size(), "rounds")
                    .figure("agents/s", "%.2f", perSecond, "agentsPerSecond")
                    .figure("creates/s", "%.2f", creates, "createsPerSecond")
                    .figure("wait p50", "%.0fms", p50, "waitP50Ms").figure("wait p99", "%.0fms", p99, "waitP99Ms")
                    .figure("K8s/agent", "%.2f", k8s, "kubernetesCallsPerAgent")
                    .figure("minimum", "%.2f", minimum, "minimumCallsPerAgent")
                    .figure("x min", "%.2f", k8s / minimum, "ratioToMinimum")
                    .text("writes / GETs", String.format(Locale.ROOT, "%.2f / %.2f", writes, gets))
                    .json("kubernetesWritesPerAgent", writes).json("kubernetesGetsPerAgent", gets)
                    .figure("CHECKs", "%.0f", checks, "checksReceivedInWindow")
                    .text("receives (msgs)", String.format(Locale.ROOT, "%.0f (%.0f)", receives, messages))
                    .json("triggerReceives", receives).json("triggerMessagesReceived", messages)
                    .figure("by reconc.", "%.0f", byReconciler, "appliedByReconciler").add();
        }
        txt.append(summaries.render());
        txt.append("""

                agents/s   N / (first create sent -> last record out of QUEUED); creates/s: N / the create phase alone
                wait       per agent, from its create's answer to its record's DEPLOYING write
                K8s/agent  every Kubernetes API call of the platform in the window / N (minimum: one per object,
                           5 per agent + 4 for the owner's new namespace); writes = PATCH+POST+PUT, GETs include
                           the CHECK follow-ups' observations (CHECKs: follow-ups the trigger received in the window)
                receives   the trigger's ReceiveMessage calls in the window (messages they brought: DEPLOYs and CHECKs)
                by reconc. agents whose record the scheduled reconciler, not the trigger, took out of QUEUED (it
                           resumes agents QUEUED for longer than twice the follow-up's maximum delay, 10 s locally)
                """);
        txt.append("\nKubernetes API calls per deployer step (fabric8 CRUD mock, the platform's KubernetesCluster):\n");
        for (KubernetesCallAnatomy.Step step : anatomy) {
            txt.append(String.format(Locale.ROOT, "  %-55s %2d  %s%n", step.name(), step.calls().size(),
                    step.summary()));
        }
        txt.append("\nPer round (K8s apply model: the steps above, first owner + N agents + N-1 owner re-applies;"
                + " calls beyond it are CHECK observations and the reconciler's):\n");
        for (Round r : rounds) {
            txt.append(String.format(Locale.ROOT, "  N=%-5d #%d %8.2f agents/s  %7.2f s (creates %6.2f s, poll"
                            + " confirmed %6.2f s; platform start %5.1f s; load %.1f)  K8s %d %s, apply model %d"
                            + "  CHECKs %d  received %s  roll-outs %d  applied by %s  final %s  queue at end %s%n",
                    r.agents(), r.round(), r.agentsPerSecond(), r.appliedSeconds(), r.createSeconds(),
                    r.confirmedSeconds(), r.platformStartSeconds(), r.loadAverage(), r.kubernetesTotal(),
                    r.kubernetes(),
                    model(anatomy, r.agents()), r.checks(), r.triggerReceived(), r.rollOuts(),
                    r.appliedBy(), r.finalStatuses(), r.queueAtEnd()));
        }
        for (int n : Arrays.stream(sizes).distinct().toArray()) {
            rounds.stream().filter(r -> r.agents() == n).reduce((a, b) -> b).ifPresent(last -> {
                txt.append(String.format(Locale.ROOT, "%nN=%d, last round: calls on the trigger thread (DEPLOYs and"
                        + " CHECKs) %s%n", n, last.aws().getOrDefault(AwsCallCounter.TRIGGER, Map.of())));
                if (last.aws().containsKey(AwsCallCounter.RECONCILER)) {
                    txt.append("  reconciler: ").append(last.aws().get(AwsCallCounter.RECONCILER)).append('\n');
                }
                txt.append("  api routes (the creates): ").append(last.aws().getOrDefault(AwsCallCounter.API, Map.of()))
                        .append('\n');
                txt.append(String.format(Locale.ROOT, "  where the trigger thread's time went (%d samples):%n",
                        last.triggerSamples()));
                for (String line : TriggerSampler.describe(categories(last.triggerTime()), 12)) {
                    txt.append("    ").append(line).append('\n');
                }
                txt.append("   in detail:\n");
                for (String line : TriggerSampler.describe(last.triggerTime(), 14)) {
                    txt.append("    ").append(line).append('\n');
                }
                double available = Runtime.getRuntime().availableProcessors() * last.confirmedSeconds();
                txt.append(String.format(Locale.ROOT, "  CPU in the window (%.1f core-seconds on %d cores; GC %.1f s;"
                                + " machine load average %.1f at the end):%n", available,
                        Runtime.getRuntime().availableProcessors(), last.gcMillis() / 1000.0, last.loadAverage()));
                last.cpuSeconds().entrySet().stream().limit(12).forEach(e -> txt.append(String.format(Locale.ROOT,
                        "    %7.2f s %5.1f%%  %s%n", e.getValue(), 100 * e.getValue() / available, e.getKey())));
            });
        }
        System.out.println();
        System.out.print(txt);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", Instant.now().toString());
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("clientThreads", clients);
        document.put("method", "a fresh local platform per round; N creates through POST /api/agents from "
                + clients + " threads; the round ends when the byStatus index has no QUEUED agent; applied = the"
                + " agents record's UpdateItem out of QUEUED, seen by an AWS SDK interceptor");
        document.put("summary", summaries.json());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (KubernetesCallAnatomy.Step step : anatomy) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", step.name());
            s.put("calls", step.calls());
            steps.add(s);
        }
        document.put("kubernetesCallsPerStep", steps);
        document.put("rounds", rounds.stream().map(r -> {
            Map<String, Object> m = json(r);
            m.put("kubernetesApplyModel", model(anatomy, r.agents()));
            return m;
        }).toList());
        Path out = Path.of("bench", "results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("deployer-throughput.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        Files.writeString(out.resolve("deployer-throughput.txt"), txt.toString());
        System.out.println("written to " + out.resolve("deployer-throughput.json") + " and .txt");
    }

    /**
     * The apply calls the steps measured one by one add up to: the new owner's objects once, each agent's objects,
     * and the owner's objects again for every agent after the first.
     */
    static long model(List<KubernetesCallAnatomy.Step> anatomy, int agents) {
        return anatomy.get(0).calls().size() + (long) agents * anatomy.get(1).calls().size()
                + (long) (agents - 1) * anatomy.get(2).calls().size();
    }

    private static Map<String, Object> json(Round r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agents", r.agents());
        m.put("round", r.round());
        m.put("agentsPerSecond", r.agentsPerSecond());
        m.put("createsPerSecond", r.createsPerSecond());
        m.put("platformStartSeconds", r.platformStartSeconds());
        m.put("createSeconds", r.createSeconds());
        m.put("appliedSeconds", r.appliedSeconds());
        m.put("pollConfirmedSeconds", r.confirmedSeconds());
        m.put("waitP50Ms", r.latencyP50Ms());
        m.put("waitP99Ms", r.latencyP99Ms());
        m.put("kubernetesCalls", r.kubernetes());
        m.put("kubernetesMinimum", r.minimum());
        m.put("checksReceived", r.checks());
        m.put("triggerReceived", r.triggerReceived());
        m.put("awsCallsByRole", r.aws());
        m.put("appliedBy", r.appliedBy());
        m.put("rollOuts", r.rollOuts());
        m.put("finalStatuses", r.finalStatuses());
        m.put("queueAtEnd", r.queueAtEnd());
        m.put("triggerTimeShares", r.triggerTime());
        m.put("cpuSecondsInWindow", r.cpuSeconds());
        m.put("gcMillisInWindow", r.gcMillis());
        m.put("loadAverageAtEnd", r.loadAverage());
        return m;
    }

    /** The sampler's buckets folded to their kind (text before the first ':'). */
    private static Map<String, Double> categories(Map<String, Double> shares) {
        Map<String, Double> folded = new LinkedHashMap<>();
        shares.forEach((k, v) -> folded.merge(k.contains(":") ? k.substring(0, k.indexOf(':')) : k, v, Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        folded.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
        double[] values = rounds.stream().mapToDouble(f).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private String call(LocalPlatform.Running platform, String method, String path, String body) throws Exception {
        return AdminCalls.call(http, platform, method, path, body);
    }
}
