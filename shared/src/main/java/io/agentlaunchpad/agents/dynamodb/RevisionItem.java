package io.agentlaunchpad.agents.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.tables.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.agents.dynamodb.AgentItem.n;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.s;

/** The attribute names of a revision item, the mapping both ways, and the writes that go with an agent's. */
final class RevisionItem {

    static final String AGENT_ID = "agentId";
    static final String REVISION = "revision";
    private static final String CREATED_AT = "createdAt";
    private static final String USER_ID = "userId";
    private static final String KEY_ID = "keyId";
    private static final String REQUEST_ID = "requestId";
    private static final String KIND = "kind";
    private static final String ROLLED_BACK_FROM = "rolledBackFrom";
    private static final String CHANGES = "changes";
    private static final String SPEC = "spec";
    private static final String PLATFORMS_SEALED = "platformsSealed";
    private static final String PLATFORMS_VIEW = "platformsView";

    private static final int BATCH = 25;
    private static final TypeReference<Map<String, Map<String, String>>> VIEW = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> PATHS = new TypeReference<>() {
    };

    private RevisionItem() {
    }

    static Map<String, AttributeValue> toItem(AgentRevision r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(AGENT_ID, s(r.agentId()));
        item.put(REVISION, n(r.revision()));
        item.put(CREATED_AT, s(r.createdAt().toString()));
        item.put(USER_ID, s(r.userId()));
        put(item, KEY_ID, r.keyId());
        put(item, REQUEST_ID, r.requestId());
        item.put(KIND, s(r.kind().name()));
        if (r.rolledBackFrom() != null) {
            item.put(ROLLED_BACK_FROM, n(r.rolledBackFrom()));
        }
        item.put(CHANGES, s(Json.write(r.changes())));
        item.put(SPEC, s(Json.write(r.spec())));
        put(item, PLATFORMS_SEALED, r.sealedPlatforms());
        item.put(PLATFORMS_VIEW, s(Json.write(r.platformView())));
        return item;
    }

    static AgentRevision fromItem(Map<String, AttributeValue> item) {
        return new AgentRevision(item.get(AGENT_ID).s(), Long.parseLong(item.get(REVISION).n()),
                Instant.parse(item.get(CREATED_AT).s()), item.get(USER_ID).s(), text(item, KEY_ID),
                text(item, REQUEST_ID), AgentRevision.RevisionKind.valueOf(item.get(KIND).s()),
                item.containsKey(ROLLED_BACK_FROM) ? Long.parseLong(item.get(ROLLED_BACK_FROM).n()) : null,
                Json.read(item.get(CHANGES).s(), PATHS), Json.read(item.get(SPEC).s(), AgentSpec.class),
                text(item, PLATFORMS_SEALED), Json.read(item.get(PLATFORMS_VIEW).s(), VIEW));
    }

    static Map<String, AttributeValue> key(String agentId, long revision) {
        return Map.of(AGENT_ID, s(agentId), REVISION, n(revision));
    }

    /** Unconditional: a create taken back may have left its first revision, which the retry writes again. */
    static TransactWriteItem put(String table, AgentRevision revision) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(revision)).build()).build();
    }

    static TransactWriteItem expire(String table, String agentId, long revision) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(agentId, revision)).build())
                .build();
    }

    /** Removes every revision of an agent that is gone: a Query on its partition, never a Scan. */
    static void purge(DynamoDbClient dynamo, String table, String agentId) {
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#id = :id").projectionExpression("#id, #r")
                    .expressionAttributeNames(Map.of("#id", AGENT_ID, "#r", REVISION))
                    .expressionAttributeValues(Map.of(":id", s(agentId))).limit(BATCH);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamo.query(query.build());
            if (!page.items().isEmpty()) {
                List<WriteRequest> deletes = page.items().stream()
                        .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build())
                        .toList();
                Map<String, List<WriteRequest>> pending = Map.of(table, deletes);
                while (!pending.isEmpty()) {
                    pending = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build())
                            .unprocessedItems();
                }
            }
            startKey = Table.nextStart(page.lastEvaluatedKey());
        } while (startKey != null);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
