package io.agentlaunchpad.bench;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.local.LocalPlatform;
import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Benchmarks 1 and 4 of the proof issue, measured side by side in one run on one machine:
 * <ol>
 *   <li>API overhead: {@code GET status}, {@code GET list} and {@code POST create} through the local platform (HTTP,
 *   gateway, authorizer, rate limit, function) against the floor, the raw DynamoDB/SQS calls each route needs, from
 *   this JVM on the same emulators, interleaved round by round;</li>
 *   <li>scale: list and status latency with 100 agents stored and with 10,000.</li>
 * </ol>
 * Prints a table and writes {@code bench/results/latest.json}. Usage: {@code ./launchpad bench [rounds] [agents]}.
 */
public final class ApiOverheadBench {

    private static final String CREATE_BODY = """
            {"agentName": "bench-bot", "personality": {"bio": ["I measure things"]},
             "selectedPlugins": [], "resources": {"memory": "512Mi", "cpu": "250m"}}""";

    private final LocalPlatform.Running platform;
    private final HttpClient http = HttpClient.newHttpClient();

    private ApiOverheadBench(LocalPlatform.Running platform) {
        this.platform = platform;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int manyAgents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        // The benchmark measures the work of a request, not the limits that would refuse this many of them.
        System.setProperty("launchpad.rate-limits.admin", "100000000,100000000");
        System.setProperty("launchpad.quotas.admin", "agents=1000000,replicas=10,cpu=100000000,memory=100000Ti");
        System.setProperty("launchpad.usage-plans.admin", "rate=100000,burst=100000,quota=100000000");
        Path home = Files.createTempDirectory("launchpad-bench");
        try (LocalPlatform.Running platform = LocalPlatform.startIn(home)) {
            new ApiOverheadBench(platform).run(rounds, manyAgents);
        }
    }

    private void run(int rounds, int manyAgents) throws Exception {
        String owner = Json.tree(call("GET", "/api/users/profile", null)).get("userId").asText();
        String agentId = Json.tree(call("POST", "/api/agents", CREATE_BODY)).get("agentId").asText();
        String agentsTable = Tables.AGENTS.tableName("launchpad-");
        Map<String, AttributeValue> key = Map.of("agentId", AttributeValue.builder().s(agentId).build());

        Series status = new Series("GET /api/agents/{id}/status");
        Series getItem = new Series("floor: GetItem");
        Series list = new Series("GET /api/agents");
        Series query = new Series("floor: Query (byOwner)");
        Series create = new Series("POST /api/agents");
        Series putSend = new Series("floor: PutItem + SendMessage");

        for (int warm = 0; warm < 50; warm++) {
            call("GET", "/api/agents/" + agentId + "/status", null);
            platform.dynamo().getItem(b -> b.tableName(agentsTable).key(key));
        }
        for (int i = 0; i < rounds; i++) {
            time(status, () -> call("GET", "/api/agents/" + agentId + "/status", null));
            time(getItem, () -> platform.dynamo().getItem(b -> b.tableName(agentsTable).key(key).consistentRead(true)));
            time(list, () -> call("GET", "/api/agents?limit=20", null));
            time(query, () -> platform.dynamo().query(b -> b.tableName(agentsTable).indexName("byOwner")
                    .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.builder().s(owner).build()))
                    .scanIndexForward(false).limit(21)));
            time(create, () -> call("POST", "/api/agents", CREATE_BODY));
            time(putSend, () -> {
                String id = "agent-bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                platform.dynamo().putItem(b -> b.tableName(agentsTable).item(Map.of(
                        "agentId", AttributeValue.builder().s(id).build(),
                        "owner", AttributeValue.builder().s("bench-floor").build())));
                return platform.sqs().sendMessage(b -> b.queueUrl(platform.deployQueueUrl())
                        .messageBody("{\"type\":\"DEPLOY\",\"agentId\":\"" + id + "\",\"generation\":1}"));
            });
        }

        // Scale: the same calls for an owner with 100 agents, then with manyAgents.
        DynamoAgentStore store = DynamoAgentStore.inTables(platform.dynamo(), "launchpad-");
        int have = Json.tree(call("GET", "/api/agents?limit=1", null)).get("total").asInt();
        fill(store, owner, 100 - have);
        Series list100 = new Series("GET /api/agents at 100 agents");
        Series status100 = new Series("GET status at 100 agents");
        measureScale(rounds, agentId, list100, status100);
        fill(store, owner, manyAgents - 100);
        Series listMany = new Series("GET /api/agents at " + manyAgents + " agents");
        Series statusMany = new Series("GET status at " + manyAgents + " agents");
        measureScale(rounds, agentId, listMany, statusMany);

        List<Object[]> rows = List.of(
                new Object[]{status, getItem}, new Object[]{list, query}, new Object[]{create, putSend},
                new Object[]{listMany, list100}, new Object[]{statusMany, status100});
        report(rows, rounds, manyAgents);
    }

    private void measureScale(int rounds, String agentId, Series list, Series status) throws Exception {
        for (int i = 0; i < rounds; i++) {
            time(list, () -> call("GET", "/api/agents?limit=20", null));
            time(status, () -> call("GET", "/api/agents/" + agentId + "/status", null));
        }
    }

    private static void fill(DynamoAgentStore store, String owner, int count) {
        Instant now = Instant.now();
        AgentSpec spec = new AgentSpec("bench-bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("512Mi", "250m", 1));
        for (int i = 0; i < count; i++) {
            String id = "agent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            store.create(new Agent(id, owner, spec, null, Map.of(), AgentStatus.DEPLOYED, null, 1, 1, 1,
                    now.minusMillis(i), now, now, null));
        }
    }

    private void report(List<Object[]> rows, int rounds, int manyAgents) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-40s %9s %9s %9s | %-32s %9s %9s | %8s %8s%n", "measured", "p50 ms", "p99 ms",
                "ops/s", "against", "p50 ms", "p99 ms", "p50 x", "p99 x"));
        List<Map<String, Object>> json = new ArrayList<>();
        for (Object[] row : rows) {
            Series a = (Series) row[0];
            Series b = (Series) row[1];
            double p50 = a.percentileMillis(50) / b.percentileMillis(50);
            double p99 = a.percentileMillis(99) / b.percentileMillis(99);
            table.append(String.format("%-40s %9s %9s %9s | %-32s %9s %9s | %8s %8s%n", a.name,
                    Series.fmt(a.percentileMillis(50)), Series.fmt(a.percentileMillis(99)), Series.fmt(a.throughput()),
                    b.name, Series.fmt(b.percentileMillis(50)), Series.fmt(b.percentileMillis(99)),
                    Series.fmt(p50), Series.fmt(p99)));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("measured", a.name);
            entry.put("p50Ms", a.percentileMillis(50));
            entry.put("p99Ms", a.percentileMillis(99));
            entry.put("opsPerSecond", a.throughput());
            entry.put("against", b.name);
            entry.put("againstP50Ms", b.percentileMillis(50));
            entry.put("againstP99Ms", b.percentileMillis(99));
            entry.put("p50Ratio", p50);
            entry.put("p99Ratio", p99);
            json.add(entry);
        }
        System.out.println();
        System.out.println("rounds " + rounds + ", agents for scale " + manyAgents + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + Instant.now());
        System.out.print(table);
        Path out = Path.of("bench", "results");
        Files.createDirectories(out);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", Instant.now().toString());
        document.put("rounds", rounds);
        document.put("agentsForScale", manyAgents);
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("rows", json);
        Files.writeString(out.resolve("latest.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(document));
        Files.writeString(out.resolve("latest.txt"), table.toString());
        System.out.println("written to " + out.resolve("latest.json"));
    }

    private String call(String method, String path, String body) throws Exception {
        return AdminCalls.call(http, platform, method, path, body);
    }

    private static void time(Series series, Callable<?> call) throws Exception {
        long started = System.nanoTime();
        call.call();
        series.add(System.nanoTime() - started);
    }

}
