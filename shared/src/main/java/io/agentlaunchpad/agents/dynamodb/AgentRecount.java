package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.tables.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.HashMap;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Agents written before the counts existed (a platform state from an earlier version): counted once by a scan of
 * the agents table when everyone's counts item is missing, before any traffic (the local platform's start). Written
 * only where no counts item exists yet, so it never overwrites counts the writes keep.
 */
public final class AgentRecount {

    private AgentRecount() {
    }

    /** @return how many agents were counted, or -1 when the counts already existed */
    public static long ifMissing(DynamoDbClient dynamo, String prefix) {
        String counters = Tables.COUNTERS.tableName(prefix);
        Map<String, AttributeValue> everyone = dynamo.getItem(b -> b.tableName(counters).consistentRead(true)
                .key(Map.of("counterKey", s(DynamoAgentCounts.EVERY_OWNER)))).item();
        if (everyone != null && !everyone.isEmpty()) {
            return -1;
        }
        Map<String, Map<String, Long>> byKey = new HashMap<>();
        Map<String, AttributeValue> start = null;
        long agents = 0;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(Tables.AGENTS.tableName(prefix))
                    .projectionExpression("#o, #s").expressionAttributeNames(Map.of("#o", AgentItem.OWNER,
                            "#s", AgentItem.STATUS));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.scan(scan.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String status = item.get(AgentItem.STATUS).s();
                for (String key : new String[]{DynamoAgentCounts.EVERY_OWNER,
                        DynamoAgentCounts.ownerKey(item.get(AgentItem.OWNER).s())}) {
                    Map<String, Long> counts = byKey.computeIfAbsent(key, k -> new HashMap<>());
                    counts.merge(DynamoAgentCounts.ALL, 1L, Long::sum);
                    counts.merge(status, 1L, Long::sum);
                }
                agents++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        byKey.putIfAbsent(DynamoAgentCounts.EVERY_OWNER, Map.of(DynamoAgentCounts.ALL, 0L));
        byKey.forEach((key, counts) -> {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("counterKey", s(key));
            counts.forEach((name, value) -> item.put(name, n(value)));
            try {
                dynamo.putItem(b -> b.tableName(counters).item(item)
                        .conditionExpression("attribute_not_exists(counterKey)"));
            } catch (ConditionalCheckFailedException e) {
                // counted by a write meanwhile: those counts stand
            }
        });
        return agents;
    }
}
