package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentCountsRecount;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Adapter: the agent counts built from a scan of the agents table, once, when the marker item {@value #MARKER} of
 * the counters table is missing (a table filled before the counts existed, or an operator's forced recount: see
 * docs/operations.md). A run claims the marker with a conditional write, so of two sweeps one counts; a claim older
 * than {@link #LEASE} (a run that died) may be taken over. The counts found overwrite the counts items, and owners'
 * items the scan did not meet go to zero, so a run repeated gives the same counts.
 */
@ApplicationScoped
public class AgentRecount implements AgentCountsRecount {

    static final String MARKER = "agents#counted";
    static final Duration LEASE = Duration.ofMinutes(15);
    private static final String KEY = "counterKey";
    private static final JsonLog LOG = JsonLog.of("counters");

    private final DynamoDbClient dynamo;
    private final String agents;
    private final String counters;
    private final Clock clock;

    @Inject
    public AgentRecount(DynamoDbClient dynamo, LaunchpadConfig config, Clock clock) {
        this(dynamo, config.tables().prefix(), clock);
    }

    public AgentRecount(DynamoDbClient dynamo, String prefix, Clock clock) {
        this.dynamo = dynamo;
        this.agents = Tables.AGENTS.tableName(prefix);
        this.counters = Tables.COUNTERS.tableName(prefix);
        this.clock = clock;
    }

    /** The local platform's start: a state from before the counts is counted before any traffic. */
    public static long ifMissing(DynamoDbClient dynamo, String prefix) {
        return new AgentRecount(dynamo, prefix, Clock.systemUTC()).ifNeverCounted();
    }

    @Override
    public long ifNeverCounted() {
        Map<String, AttributeValue> marker = dynamo.getItem(b -> b.tableName(counters).consistentRead(true)
                .key(Map.of(KEY, s(MARKER)))).item();
        if (marker != null && "done".equals(marker.containsKey("state") ? marker.get("state").s() : null)) {
            return -1;
        }
        String claim = UUID.randomUUID().toString();
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(counters).item(Map.of(KEY, s(MARKER), "state", s("counting"),
                            "claim", s(claim), "claimedAt", n(now)))
                    .conditionExpression("attribute_not_exists(#k) OR (#state = :counting AND #at < :stale)")
                    .expressionAttributeNames(Map.of("#k", KEY, "#state", "state", "#at", "claimedAt"))
                    .expressionAttributeValues(Map.of(":counting", s("counting"),
                            ":stale", n(now - LEASE.toSeconds()))));
        } catch (ConditionalCheckFailedException e) {
            return -1; // counted already, or another run is counting
        }
        Map<String, Map<String, Long>> byKey = new HashMap<>();
        long counted = countAgents(byKey);
        byKey.putIfAbsent(DynamoAgentCounts.EVERY_OWNER, new HashMap<>());
        // An owner counted before but without agents now (a forced recount): every count of theirs is zero.
        scan(ScanRequest.builder().tableName(counters).consistentRead(true)
                .filterExpression("begins_with(#k, :owner)").expressionAttributeNames(Map.of("#k", KEY))
                .expressionAttributeValues(Map.of(":owner", s(DynamoAgentCounts.ownerKey(""))))
                .projectionExpression("#k"), item -> byKey.putIfAbsent(item.get(KEY).s(), new HashMap<>()));
        byKey.forEach((key, counts) -> {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(KEY, s(key));
            item.put(DynamoAgentCounts.ALL, n(0));
            counts.forEach((name, value) -> item.put(name, n(value)));
            dynamo.putItem(b -> b.tableName(counters).item(item));
        });
        try {
            dynamo.putItem(b -> b.tableName(counters).item(Map.of(KEY, s(MARKER), "state", s("done"),
                            "agents", n(counted), "countedAt", s(clock.instant().toString())))
                    .conditionExpression("#claim = :mine").expressionAttributeNames(Map.of("#claim", "claim"))
                    .expressionAttributeValues(Map.of(":mine", s(claim))));
        } catch (ConditionalCheckFailedException e) {
            LOG.warn("agent recount outlived its lease", Map.of("agents", counted));
        }
        LOG.info("agents recounted", Map.of("agents", counted, "countsItems", byKey.size()));
        return counted;
    }

    private long countAgents(Map<String, Map<String, Long>> byKey) {
        long[] agentsSeen = {0};
        scan(ScanRequest.builder().tableName(agents).consistentRead(true).projectionExpression("#o, #s")
                .expressionAttributeNames(Map.of("#o", AgentItem.OWNER, "#s", AgentItem.STATUS)), item -> {
            String status = item.get(AgentItem.STATUS).s();
            for (String key : new String[]{DynamoAgentCounts.EVERY_OWNER,
                    DynamoAgentCounts.ownerKey(item.get(AgentItem.OWNER).s())}) {
                Map<String, Long> counts = byKey.computeIfAbsent(key, k -> new HashMap<>());
                counts.merge(DynamoAgentCounts.ALL, 1L, Long::sum);
                counts.merge(status, 1L, Long::sum);
            }
            agentsSeen[0]++;
        });
        return agentsSeen[0];
    }

    private void scan(ScanRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(start == null ? request.build() : request.exclusiveStartKey(start).build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
