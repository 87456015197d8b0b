package io.agentlaunchpad.bench.coldstart;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deploy.QueueDefinition;
import io.agentlaunchpad.deploy.QueueProvisioner;
import io.agentlaunchpad.emulators.Dynalite;
import io.agentlaunchpad.emulators.ElasticMq;
import io.agentlaunchpad.emulators.RepoRoot;
import io.agentlaunchpad.bench.FigureTable;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.keys.dynamodb.BootstrapAdmin;
import io.agentlaunchpad.tables.TableProvisioner;
import io.agentlaunchpad.tables.Tables;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Benchmark 2 of the proof issue: cold start of each functions artifact in JVM mode against a minimal Funqy function
 * built with the same Quarkus, measured side by side in one run.
 *
 * <p>Each measurement is one fresh execution environment: the artifact's {@code target/function.zip} unpacked as
 * Lambda unpacks it ({@code /var/task}), a child {@code java} with the flags of Lambda's managed Java runtime and the
 * environment its Lambda has (pointed at dynalite and ElasticMQ started here), {@link LambdaRuntimeShim} standing in
 * for the runtime interface client, and a {@link RuntimeApiEmulator} handing out one event from {@code events/}.
 * Measured: spawn to the first {@code /next} (Lambda's init), that to the response (the first invocation), and the
 * process's VmRSS and VmHWM when the response has arrived. Every run of a Lambda comes right after a run of the
 * minimal function at the same memory size, so that both meet the same load on a shared machine; the ratio is the
 * median of those paired ratios, the figures medians over the rounds. Writes {@code bench/results/cold-start.json}
 * and {@code .txt}.
 *
 * <p>Usage: {@code ./launchpad bench cold-start [rounds]} (default 7, after one unrecorded warm-up round).
 */
public final class ColdStartBench {

    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final String PREFIX = "launchpad-bench-";
    /** The agent the status route reads and the deploy command names (events/api, events/sqs). */
    private static final String SEEDED_AGENT = "agent-123abc";
    private static final String SEEDED_OWNER = "user-456def";
    private static final Pattern STATUS_LINE = Pattern.compile("^(Vm\\w+):\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final List<String> SHIM_CLASSES = List.of("LambdaRuntimeShim", "LambdaRuntimeShim$Invocation");

    /** One Lambda: an artifact, the export its QUARKUS_FUNQY_EXPORT names, its memory size and its event. */
    record Target(String name, String module, String export, int memoryMb, boolean floor,
                  Function<Integer, byte[]> event, Predicate<String> answered, Function<String, String> summary,
                  Map<String, String> env, Consumer<String> cleanup) {
    }

    /** One cold start (in the JSON: its figures, in this order). */
    @JsonPropertyOrder({"firstResponseMs", "initMs", "invokeMs", "quarkusStartedMs", "rssMb", "hwmMb"})
    record Sample(double firstResponseMs, double initMs, double invokeMs, double rssMb, double hwmMb,
                  Double quarkusStartedMs, @JsonIgnore String answer, @JsonIgnore Diagnostics diagnostics) {
    }

    /**
     * Where the time went, from the JVM's performance counters (jcmd PerfCounter.print) once the response is in:
     * spawn to the JVM created, classes loaded (of them from the JDK's CDS archive), bytes of application classes
     * read, metaspace used and heap committed (the two that grow with the artifact), time in the C1 compiler
     * threads, and young collections.
     */
    record Diagnostics(double jvmCreatedMs, long loadedClasses, long sharedClasses, double appClassMb,
                       double metaspaceMb, double heapMb, double compilingMs, long collections, double collectingMs) {
    }

    private final Path root;
    private final Path work;
    private final Path shim;
    private final Map<String, Path> taskRoots = new TreeMap<>();
    private final java.util.Set<Target> diagnosed = new java.util.HashSet<>();
    private String loadBefore;
    private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private ColdStartBench(Path root, Path work, Path shim) {
        this.root = root;
        this.work = work;
        this.shim = shim;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path root = RepoRoot.get();
        Path work = root.resolve("bench/target/cold-start");
        deleteTree(work);
        Files.createDirectories(work);
        ColdStartBench bench = new ColdStartBench(root, work, writeShim(work.resolve("runtime")));
        try (Dynalite dynalite = Dynalite.start(); ElasticMq elasticMq = ElasticMq.start();
             DynamoDbClient dynamo = dynalite.client(); SqsClient sqs = elasticMq.client()) {
            bench.run(rounds, dynalite, elasticMq, dynamo, sqs);
        }
    }

    private void run(int rounds, Dynalite dynalite, ElasticMq elasticMq, DynamoDbClient dynamo, SqsClient sqs)
            throws Exception {
        TableProvisioner.createAll(dynamo, PREFIX);
        String queueUrl = QueueProvisioner.create(sqs, QueueDefinition.DEPLOY, PREFIX).queueUrl();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String sealingKey = Base64.getEncoder().encodeToString(key);
        LaunchpadConfig config = config(queueUrl, sealingKey);
        String apiKey = BootstrapAdmin.run(dynamo, config, "bench-admin", "bench-admin@launchpad.local",
                new PrintStream(OutputStream.nullOutputStream())).apiKey();
        seedAgent(dynamo);

        // The environment every Lambda of the stack has (template.yaml Globals, infra-cdk LaunchpadStack), with the
        // local AES sealing key for the KMS key and the emulators' endpoints for AWS's.
        Map<String, String> stack = new LinkedHashMap<>();
        stack.put("LAUNCHPAD_TABLES_PREFIX", PREFIX);
        stack.put("LAUNCHPAD_DEPLOY_QUEUE_URL", queueUrl);
        stack.put("LAUNCHPAD_AGENTS_DOMAIN", "agents.example.com");
        stack.put("LAUNCHPAD_SEALING_KEY", sealingKey);
        stack.put("LAUNCHPAD_USAGE_PLANS_ADAPTER", "local");
        stack.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
        stack.put("LAUNCHPAD_SQS_ENDPOINT_OVERRIDE", elasticMq.endpoint().toString());
        stack.put("LAUNCHPAD_SQS_REGION", Dynalite.REGION);
        // kubeconfig mode with the client pointed at a closed local port and no kubeconfig, so that nothing could
        // reach a real one (in eks mode, building the client would call eks:DescribeCluster; see bench/README.md).
        // The status route's live-health read is refused there and the route answers from the record, within the
        // api's bounded client settings (one retry; fabric8's defaults held it ~22 s).
        Map<String, String> cluster = Map.of(
                "LAUNCHPAD_CLUSTER_MODE", "kubeconfig",
                "KUBERNETES_MASTER", "https://127.0.0.1:9",
                "KUBECONFIG", "/nonexistent",
                "LAUNCHPAD_CLUSTER_EKS_CLUSTER_NAME", "agents");
        Map<String, String> api = merge(stack, cluster);
        Map<String, String> authorizer = merge(stack, Map.of(
                "LAUNCHPAD_USAGE_PLANS_ADMIN_JWT_KEY", PREFIX + "jwt-callers-admin",
                "LAUNCHPAD_USAGE_PLANS_USER_JWT_KEY", PREFIX + "jwt-callers-user",
                "LAUNCHPAD_USAGE_PLANS_VIEWER_JWT_KEY", PREFIX + "jwt-callers-viewer"));
        Map<String, String> deployer = merge(stack, merge(cluster, Map.of(
                "LAUNCHPAD_IMAGES_DEFAULT_REPOSITORY", "elizaos-agent",
                "LAUNCHPAD_DEPLOYER_MAX_RECEIVE_COUNT", "5",
                "LAUNCHPAD_DEPLOYER_AWS_ECR_ENDPOINT_OVERRIDE", "http://127.0.0.1:9",
                "LAUNCHPAD_DEPLOYER_AWS_EKS_ENDPOINT_OVERRIDE", "http://127.0.0.1:9")));

        byte[] createEvent = read("events/api/createAgent.json");
        byte[] statusEvent = read("events/api/getAgentStatus.json");
        byte[] authorizeEvent = withApiKey(read("events/authorizer/apiKey.json"), apiKey);
        byte[] deployEvent = read("events/sqs/deploy-command.json");
        byte[] reconcileEvent = read("events/schedule/reconcile.json");
        byte[] pingEvent = "{}".getBytes(StandardCharsets.UTF_8);

        // Memory sizes of the JVM deployment (infra-cdk: runtime=jvm); each floor runs at the size it is held to.
        Map<Integer, Target> floors = new TreeMap<>(Map.of(512, floor(512, pingEvent), 1024, floor(1024, pingEvent)));
        // The fair floor: the least any route does, one GetItem with the functions' client settings.
        Map<Integer, Target> getItemFloors = new TreeMap<>(Map.of(512, getItemFloor(512, pingEvent, stack),
                1024, getItemFloor(1024, pingEvent, stack)));
        // SnapStart priming's effect on the split: the priming call made during init (where the checkpoint would
        // take it) instead of on the first request.
        Map<String, String> primed = Map.of("LAUNCHPAD_SNAPSTART_PRIME_AT_START", "true");
        List<Target> functions = List.of(
                new Target("api createAgent", "functions/api", "createAgent", 512, false,
                        round -> asUser(createEvent, "user-coldstart-" + round + "-" + System.nanoTime()),
                        ColdStartBench::success, ColdStartBench::statusCode, api,
                        // The reconciler would otherwise find the created (QUEUED) agents and resume them.
                        body -> deleteAgent(dynamo, tree(tree(body).path("body").asText()).path("agentId").asText())),
                new Target("api getAgentStatus", "functions/api", "getAgentStatus", 512, false,
                        round -> statusEvent, ColdStartBench::success, ColdStartBench::statusCode, api, body -> { }),
                new Target("api getAgentStatus primed", "functions/api", "getAgentStatus", 512, false,
                        round -> statusEvent, ColdStartBench::success, ColdStartBench::statusCode,
                        merge(api, primed), body -> { }),
                new Target("authorizer authorize", "functions/authorizer", "authorize", 512, false,
                        round -> authorizeEvent, body -> body.contains("\"Allow\""),
                        body -> body.contains("\"Allow\"") ? "Allow" : "not Allow", authorizer, body -> { }),
                new Target("authorizer authorize primed", "functions/authorizer", "authorize", 512, false,
                        round -> authorizeEvent, body -> body.contains("\"Allow\""),
                        body -> body.contains("\"Allow\"") ? "Allow" : "not Allow", merge(authorizer, primed),
                        body -> { }),
                new Target("deployer deploy", "functions/deployer", "deploy", 1024, false,
                        round -> deployEvent, body -> body.replace(" ", "").contains("\"batchItemFailures\":[]"),
                        body -> body.replace(" ", "").contains("\"batchItemFailures\":[]")
                                ? "no batch item failures" : "failures", deployer, body -> { }),
                new Target("deployer reconcile", "functions/deployer", "reconcile", 1024, false,
                        round -> reconcileEvent, body -> body.contains("\"checked\""),
                        body -> "checked " + tree(body).path("checked").asInt(), deployer, body -> { }));
        Map<Target, List<Sample>> samples = new LinkedHashMap<>();
        Map<Target, List<Sample[]>> pairs = new LinkedHashMap<>();
        for (Target target : Stream.concat(floors.values().stream(), getItemFloors.values().stream()).toList()) {
            taskRoot(target.module);
            samples.put(target, new ArrayList<>());
        }
        for (Target target : functions) {
            taskRoot(target.module);
            samples.put(target, new ArrayList<>());
            pairs.put(target, new ArrayList<>());
        }

        System.out.println("cold start: " + functions.size() + " Lambdas, each right after the floor at its memory "
                + "size; 1 warm-up round + " + rounds + " rounds; " + Runtime.getRuntime().availableProcessors()
                + " cores");
        System.out.println("JVM flags (Lambda java17/java21 managed runtime): " + String.join(" ", jvmFlags(512)));
        loadBefore = loadAverage();
        for (int round = 0; round <= rounds; round++) {
            // Rotate the order each round so that no Lambda always follows the same one.
            List<Target> order = new ArrayList<>(functions);
            Collections.rotate(order, -round);
            for (Target function : order) {
                // The floor right before: the two share whatever else the machine is doing at the time.
                Target floor = floors.get(function.memoryMb);
                Target getItemFloor = getItemFloors.get(function.memoryMb);
                Sample floorSample = measureAndPrint(floor, round);
                Sample getItemSample = measureAndPrint(getItemFloor, round);
                Sample sample = measureAndPrint(function, round);
                if (round > 0) {
                    samples.get(floor).add(floorSample);
                    samples.get(getItemFloor).add(getItemSample);
                    samples.get(function).add(sample);
                    pairs.get(function).add(new Sample[]{sample, floorSample, getItemSample});
                }
            }
        }
        report(samples, pairs, rounds);
    }

    private Sample measureAndPrint(Target target, int round) throws Exception {
        Sample sample = measure(target, round);
        System.out.printf(Locale.ROOT, "%s %-24s %5d MB first response %7.1f ms (init %7.1f + invoke %7.1f), "
                        + "RSS %6.1f MB, HWM %6.1f MB, %s%n", round == 0 ? "warm-up " : "round " + round,
                target.name, target.memoryMb, sample.firstResponseMs, sample.initMs, sample.invokeMs, sample.rssMb,
                sample.hwmMb, sample.answer);
        return sample;
    }

    private static Target floor(int memoryMb, byte[] event) {
        return new Target("minimal function (floor)", "bench/minimal-function", "ping", memoryMb, true,
                round -> event, "\"pong\""::equals, body -> body, Map.of(), body -> { });
    }

    private static Target getItemFloor(int memoryMb, byte[] event, Map<String, String> stack) {
        return new Target("GetItem function (floor)", "bench/minimal-getitem-function", "getItem", memoryMb, true,
                round -> event, "\"found\""::equals, body -> body, stack, body -> { });
    }

    /** One fresh execution environment, spawned, invoked once, measured and killed. */
    private Sample measure(Target target, int round) throws Exception {
        String functionName = "launchpad-bench-" + target.export;
        Path log = work.resolve("logs").resolve(target.export + "-" + target.memoryMb + "-round" + round + ".log");
        Files.createDirectories(log.getParent());
        try (RuntimeApiEmulator runtimeApi = new RuntimeApiEmulator(target.event.apply(round), functionName)) {
            Path task = taskRoot(target.module);
            List<String> command = new ArrayList<>();
            command.add(javaCommand);
            command.addAll(jvmFlags(target.memoryMb));
            command.add("-classpath");
            command.add(classpath(task));
            command.add(LambdaRuntimeShim.class.getName());
            command.add(HANDLER);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(task.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(lambdaEnvironment(functionName, target.memoryMb, task, runtimeApi.address()));
            env.put("QUARKUS_FUNQY_EXPORT", target.export);
            env.putAll(target.env);

            long spawnedAtMillis = System.currentTimeMillis();
            long spawned = System.nanoTime();
            Process process = builder.start();
            try {
                if (!runtimeApi.awaitAnswer(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(target.name + " gave no answer in 120 s; its output: " + log);
                }
                Map<String, Long> status = procStatus(process.pid());
                String body = runtimeApi.body();
                if (!"response".equals(runtimeApi.outcome()) || !target.answered.test(body)) {
                    throw new IllegalStateException(target.name + " answered with " + runtimeApi.outcome() + ": "
                            + abbreviate(body) + " (its output: " + log + ")");
                }
                long firstNext = runtimeApi.firstNextNanos();
                long answered = runtimeApi.answeredNanos();
                // After the figures above, so that the attach neither delays the answer nor counts in the RSS.
                Diagnostics diagnostics = round == 1 && diagnosed.add(target)
                        ? diagnostics(process.pid(), spawnedAtMillis,
                                Path.of(log.toString().replace(".log", "-perfcounters.txt")))
                        : null;
                target.cleanup.accept(body);
                return new Sample((answered - spawned) / 1e6, (firstNext - spawned) / 1e6, (answered - firstNext) / 1e6,
                        status.getOrDefault("VmRSS", 0L) / 1024.0, status.getOrDefault("VmHWM", 0L) / 1024.0,
                        quarkusStarted(log), target.summary.apply(body), diagnostics);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * The managed Java runtime's command line as observed on Lambda (java17, 2024: {@code -XX:MaxHeapSize} at 85% of
     * the function's memory, serial GC, CDS, tiered compilation stopped at C1, java.io opened, IPv4), plus
     * {@code -XX:MaxRAM} so that the JVM's other ergonomics see the function's memory as the machine's, as they do
     * in the Lambda micro-VM. Left out: the runtime's Log4Shell hot-patch agent and its JNI Runtime API client.
     */
    static List<String> jvmFlags(int memoryMb) {
        return List.of(
                "-XX:MaxRAM=" + memoryMb + "m",
                "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr");
    }

    /** The variables Lambda sets in every Java execution environment, with test credentials for the emulators. */
    private static Map<String, String> lambdaEnvironment(String functionName, int memoryMb, Path task,
                                                         String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_REGION", Dynalite.REGION);
        env.put("AWS_DEFAULT_REGION", Dynalite.REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        return env;
    }

    /** The runtime shim, then {@code /var/task} and its {@code lib/*.jar} in name order, as Lambda's class loader. */
    private String classpath(Path task) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(shim.toString());
        entries.add(task.toString());
        Path lib = task.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().forEach(entries::add);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** {@code <module>/target/function.zip}, unpacked once per run as Lambda unpacks it into {@code /var/task}. */
    private Path taskRoot(String module) throws IOException {
        Path existing = taskRoots.get(module);
        if (existing != null) {
            return existing;
        }
        Path zip = root.resolve(module).resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("missing " + zip
                    + ": build it first (./mvnw -DskipTests package -pl bench -am)");
        }
        Path task = work.resolve("task").resolve(module.replace('/', '-'));
        Files.createDirectories(task);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = task.resolve(entry.getName()).normalize();
                if (!target.startsWith(task)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        taskRoots.put(module, task);
        return task;
    }

    /** The runtime shim's classes, copied out of this jar into a directory of their own. */
    private static Path writeShim(Path dir) throws IOException {
        String packagePath = LambdaRuntimeShim.class.getPackageName().replace('.', '/');
        for (String name : SHIM_CLASSES) {
            String resource = packagePath + "/" + name + ".class";
            try (InputStream in = ColdStartBench.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                Path target = dir.resolve(resource);
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** The 1-minute load average: the machine is shared, so the reader can judge the figures. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        Matcher matcher = STATUS_LINE.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        while (matcher.find()) {
            values.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return values;
    }

    private Diagnostics diagnostics(long pid, long spawnedAtMillis, Path dump) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            Files.writeString(dump, output);
            Map<String, String> counters = new TreeMap<>();
            for (String line : output.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    counters.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim().replace("\"", ""));
                }
            }
            double ticksPerMs = counter(counters, "sun.os.hrt.frequency") / 1000.0;
            return new Diagnostics(counter(counters, "sun.rt.createVmEndTime") - spawnedAtMillis,
                    counter(counters, "java.cls.loadedClasses"), counter(counters, "java.cls.sharedLoadedClasses"),
                    counter(counters, "sun.cls.appClassBytes") / 1024.0 / 1024.0,
                    counter(counters, "sun.gc.metaspace.used") / 1024.0 / 1024.0,
                    (counter(counters, "sun.gc.generation.0.capacity")
                            + counter(counters, "sun.gc.generation.1.capacity")) / 1024.0 / 1024.0,
                    (counter(counters, "sun.ci.standardTime") + counter(counters, "sun.ci.osrTime")) / ticksPerMs,
                    counter(counters, "sun.gc.collector.0.invocations"),
                    counter(counters, "sun.gc.collector.0.time") / ticksPerMs);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long counter(Map<String, String> counters, String name) {
        try {
            return Long.parseLong(counters.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Quarkus's own "started in" figure, from the process's output, when it printed one. */
    private static Double quarkusStarted(Path log) {
        try {
            Matcher matcher = QUARKUS_STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) * 1000 : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void report(Map<Target, List<Sample>> samples, Map<Target, List<Sample[]>> pairs, int rounds)
            throws IOException {
        FigureTable table = new FigureTable();
        FigureTable where = new FigureTable();
        for (Map.Entry<Target, List<Sample>> entry : samples.entrySet()) {
            Target target = entry.getKey();
            List<Sample> list = entry.getValue();
            // Each run against the floor run right before it, then the median of those ratios.
            List<Sample[]> paired = target.floor ? list.stream().map(one -> new Sample[]{one, one, one}).toList()
                    : pairs.get(target);
            double first = median(list, Sample::firstResponseMs);
            double init = median(list, Sample::initMs);
            double invoke = median(list, Sample::invokeMs);
            double rss = median(list, Sample::rssMb);
            double hwm = median(list, Sample::hwmMb);
            List<Double> quarkusSamples = list.stream().map(Sample::quarkusStartedMs).filter(v -> v != null).toList();
            Double quarkus = quarkusSamples.isEmpty() ? null : median(quarkusSamples, v -> v);
            double firstRatio = median(paired, pair -> pair[0].firstResponseMs / pair[1].firstResponseMs);
            double rssRatio = median(paired, pair -> pair[0].rssMb / pair[1].rssMb);
            double hwmRatio = median(paired, pair -> pair[0].hwmMb / pair[1].hwmMb);
            double firstGetItemRatio = median(paired, pair -> pair[0].firstResponseMs / pair[2].firstResponseMs);
            double rssGetItemRatio = median(paired, pair -> pair[0].rssMb / pair[2].rssMb);
            Diagnostics diagnostics = list.stream().map(Sample::diagnostics).filter(d -> d != null).findFirst()
                    .orElse(null);
            if (diagnostics != null) {
                where.row().text("Lambda (export)", target.name).figure("MB", "%d", target.memoryMb, null).divide()
                        .figure("JVM up ms", "%.0f", diagnostics.jvmCreatedMs, null)
                        .figure("classes", "%d", diagnostics.loadedClasses, null)
                        .figure("of CDS", "%d", diagnostics.sharedClasses, null)
                        .figure("app cls MB", "%.1f", diagnostics.appClassMb, null)
                        .figure("meta MB", "%.1f", diagnostics.metaspaceMb, null)
                        .figure("heap MB", "%.1f", diagnostics.heapMb, null).divide()
                        .figure("C1 ms", "%.0f", diagnostics.compilingMs, null)
                        .figure("GCs", "%d", diagnostics.collections, null)
                        .figure("GC ms", "%.0f", diagnostics.collectingMs, null).add();
            }
            Map<String, Object> item = table.row().text("Lambda (export)", target.name).json("lambda", target.name)
                    .json("artifact", target.module).json("export", target.export)
                    .figure("MB", "%d", target.memoryMb, "memoryMb").json("floor", target.floor)
                    .json("answer", list.isEmpty() ? null : list.get(0).answer).divide()
                    .figure("first ms", "%.0f", first, "firstResponseMsMedian")
                    // Contention on a shared machine only ever adds time: the best round is the other honest figure.
                    .json("firstResponseMsMin", list.stream().mapToDouble(Sample::firstResponseMs).min()
                            .orElse(Double.NaN))
                    .figure("init ms", "%.0f", init, "initMsMedian")
                    .figure("invoke ms", "%.0f", invoke, "firstInvokeMsMedian")
                    .figure("Quarkus ms", "%.0f", quarkus, "quarkusStartedMsMedian")
                    .figure("RSS MB", "%.1f", rss, "rssMbMedian").figure("HWM MB", "%.1f", hwm, "hwmMbMedian").divide()
                    .figure("first x", "%.2f", firstRatio, "firstResponseRatio")
                    .figure("RSS x", "%.2f", rssRatio, "rssRatio").figure("HWM x", "%.2f", hwmRatio, "hwmRatio").divide()
                    .figure("first xGI", "%.2f", firstGetItemRatio, "firstResponseRatioToGetItemFloor")
                    .figure("RSS xGI", "%.2f", rssGetItemRatio, "rssRatioToGetItemFloor").add();
            item.put("diagnosticsRound1", diagnostics);
            item.put("samples", list);
        }
        String loadAfter = loadAverage();
        String heading = "Cold start, JVM mode: medians of " + rounds + " rounds after 1 warm-up; "
                + Runtime.getRuntime().availableProcessors() + " cores (load average " + loadBefore + " before, "
                + loadAfter + " after); java " + System.getProperty("java.version")
                + "; x = median of the ratios to the minimal Funqy function run right before, at the same memory "
                + "size; xGI = the same against the GetItem floor (one DynamoDB GetItem, the functions' client); "
                + "primed = SnapStart's priming call made during init; " + Instant.now() + "\n"
                + "first = spawn to response; init = spawn to first /next; invoke = first /next to response; "
                + "Quarkus = its own \"started in\"; RSS/HWM = VmRSS/VmHWM at the response\n";
        String whereHeading = "Where the time goes (round 1, JVM performance counters at the response): JVM up = "
                + "spawn to JVM created; classes loaded (of them from the JDK's CDS archive); MB of application "
                + "class files read; metaspace used; heap committed; C1 = time in the compiler threads; young "
                + "collections and their time\n";
        System.out.println();
        System.out.print(heading);
        System.out.print(table.render());
        System.out.println();
        System.out.print(whereHeading);
        System.out.print(where.render());

        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", Instant.now().toString());
        document.put("command", "./launchpad bench cold-start " + rounds);
        document.put("rounds", rounds);
        document.put("warmUpRounds", 1);
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("loadAverageBefore", loadBefore);
        document.put("loadAverageAfter", loadAfter);
        document.put("javaVersion", System.getProperty("java.version"));
        document.put("handler", HANDLER);
        document.put("jvmFlags", Map.of("512", String.join(" ", jvmFlags(512)),
                "1024", String.join(" ", jvmFlags(1024))));
        document.put("rows", table.json());
        Files.writeString(out.resolve("cold-start.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
        Files.writeString(out.resolve("cold-start.txt"), heading + table.render() + "\n" + whereHeading
                + where.render());
        System.out.println("written to " + out.resolve("cold-start.json") + " and cold-start.txt");
    }

    private static <T> double median(List<T> values, java.util.function.ToDoubleFunction<T> field) {
        double[] sorted = values.stream().mapToDouble(field).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static boolean success(String body) {
        int status = tree(body).path("statusCode").asInt();
        return status >= 200 && status < 300;
    }

    private static String statusCode(String body) {
        return "HTTP " + tree(body).path("statusCode").asInt();
    }

    /** The create event as another user's (its own quota, rate limit and agent names each round). */
    private static byte[] asUser(byte[] event, String userId) {
        ObjectNode tree = (ObjectNode) tree(new String(event, StandardCharsets.UTF_8));
        ObjectNode authorizer = (ObjectNode) tree.path("requestContext").path("authorizer");
        authorizer.put("principalId", userId);
        authorizer.put("userId", userId);
        return Json.write(tree).getBytes(StandardCharsets.UTF_8);
    }

    /** The authorizer event carrying a key that exists (the example key in events/ is made up). */
    private static byte[] withApiKey(byte[] event, String apiKey) {
        ObjectNode tree = (ObjectNode) tree(new String(event, StandardCharsets.UTF_8));
        ((ObjectNode) tree.path("headers")).put("X-API-Key", apiKey);
        JsonNode multi = tree.path("multiValueHeaders");
        if (multi instanceof ObjectNode values) {
            values.putArray("X-API-Key").add(apiKey);
        }
        return Json.write(tree).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The agent the status event asks for, owned by the events' user. FAILED at generation 2: the status route reads
     * it, the deploy command (generation 1) is skipped as stale after the lookup, and the reconciler has nothing in
     * flight or deployed to look at on the cluster.
     */
    private static void seedAgent(DynamoDbClient dynamo) {
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec("my-trading-bot", null, new Personality(null, List.of("bio"), List.of(),
                List.of()), List.of(), new Resources("512Mi", "250m", 1));
        DynamoAgentStore.inTables(dynamo, PREFIX).create(new Agent(SEEDED_AGENT, SEEDED_OWNER,
                spec, null, Map.of(), AgentStatus.FAILED, "seeded by the cold-start benchmark", 2, 2, 0, now, now,
                null, null));
    }

    private static void deleteAgent(DynamoDbClient dynamo, String agentId) {
        dynamo.deleteItem(b -> b.tableName(Tables.AGENTS.tableName(PREFIX))
                .key(Map.of("agentId", AttributeValue.fromS(agentId))));
    }

    private static LaunchpadConfig config(String queueUrl, String sealingKey) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(Map.of(
                        "launchpad.tables.prefix", PREFIX,
                        "launchpad.queue.deploy-url", queueUrl,
                        "launchpad.sealing.key", sealingKey), "cold-start-bench", 275))
                .withMapping(LaunchpadConfig.class)
                // The functions' application.properties on the classpath also set other roots (launchpad.registry.*,
                // read by their own mappings): this seeding config reads only LaunchpadConfig.
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(LaunchpadConfig.class);
    }

    private byte[] read(String event) throws IOException {
        return Files.readAllBytes(root.resolve(event));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.tree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
