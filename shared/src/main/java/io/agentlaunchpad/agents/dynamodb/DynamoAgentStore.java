package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentAlreadyExistsException;
import io.agentlaunchpad.agents.AgentCounts;
import io.agentlaunchpad.agents.AgentCursor;
import io.agentlaunchpad.agents.AgentPage;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.AgentSummary;
import io.agentlaunchpad.agents.VersionConflictException;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.agentlaunchpad.agents.dynamodb.AgentItem.AGENT_ID;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.DEPLOYED_AT;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.GENERATION;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.OWNER_STATUS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.READY_REPLICAS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.STATUS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.STATUS_REASON;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.LIST_KEY;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.VERSION;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.n;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.s;

/** Adapter: agents in DynamoDB, written with conditions on {@code version}, listed through the table's indexes. */
@ApplicationScoped
public class DynamoAgentStore implements AgentStore {

    private static final int PAGE_READ = 500;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String revisionsTable;
    private final AgentCounts counts;
    private final DeploymentCounters counters;

    @Inject
    public DynamoAgentStore(DynamoDbClient dynamo, LaunchpadConfig config, AgentCounts counts,
                            DeploymentCounters counters) {
        this(dynamo, Tables.AGENTS.tableName(config.tables().prefix()), counts, counters);
    }

    /** The agents and their counts in the tables of {@code prefix}, without the system-metrics counters (tests, tools). */
    public static DynamoAgentStore inTables(DynamoDbClient dynamo, String prefix) {
        return new DynamoAgentStore(dynamo, Tables.AGENTS.tableName(prefix),
                new DynamoAgentCounts(dynamo, Tables.COUNTERS.tableName(prefix)), DeploymentCounters.NONE);
    }

    /** Every write that changes an agent's status reports the transition it made to {@code counts} and {@code counters}, once. */
    public DynamoAgentStore(DynamoDbClient dynamo, String table, AgentCounts counts, DeploymentCounters counters) {
        this.dynamo = dynamo;
        this.table = table;
        this.revisionsTable = Tables.AGENT_REVISIONS.tableName(Tables.AGENTS.prefixOf(table));
        this.counts = counts;
        this.counters = counters;
    }

    /** The owner's and everyone's counts and the system metrics, updated at once: one round trip after the write. */
    private void transitioned(String owner, AgentStatus from, AgentStatus to) {
        CompletableFuture<Void> system = SideCalls.start(() -> {
            counters.transition(from, to);
            return null;
        });
        counts.transition(owner, from, to);
        SideCalls.join(system);
    }

    private static AgentStatus oldStatus(Map<String, AttributeValue> old) {
        AttributeValue v = old == null ? null : old.get(STATUS);
        return v == null ? null : AgentStatus.parse(v.s()).orElse(null);
    }

    @Override
    public void create(Agent agent) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(AgentItem.toItem(agent))
                    .conditionExpression("attribute_not_exists(" + AGENT_ID + ")").build());
        } catch (ConditionalCheckFailedException e) {
            throw new AgentAlreadyExistsException(agent.agentId());
        }
        transitioned(agent.owner(), null, agent.status());
    }

    @Override
    public void create(Agent agent, AgentRevision first) {
        TransactWriteItem put = TransactWriteItem.builder().put(software.amazon.awssdk.services.dynamodb.model.Put
                .builder().tableName(table).item(AgentItem.toItem(agent))
                .conditionExpression("attribute_not_exists(" + AGENT_ID + ")").build()).build();
        if (!transact(put, RevisionItem.put(revisionsTable, first))) {
            throw new AgentAlreadyExistsException(agent.agentId());
        }
        transitioned(agent.owner(), null, agent.status());
    }

    @Override
    public void replace(Agent agent, long expectedVersion, AgentRevision revision, long expiredRevision) {
        Agent before = find(agent.agentId()).filter(a -> a.version() == expectedVersion).orElse(null);
        TransactWriteItem put = TransactWriteItem.builder().put(software.amazon.awssdk.services.dynamodb.model.Put
                .builder().tableName(table).item(AgentItem.toItem(agent))
                .conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", VERSION))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion))).build()).build();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(put, RevisionItem.put(revisionsTable, revision)));
        if (expiredRevision > 0) {
            writes.add(RevisionItem.expire(revisionsTable, agent.agentId(), expiredRevision));
        }
        if (before == null || !transact(writes.toArray(TransactWriteItem[]::new))) {
            throw new VersionConflictException(agent.agentId());
        }
        // A transaction returns no old image: the version condition held, so the replaced item is the one read.
        transitioned(agent.owner(), before.status(), agent.status());
    }

    /** @return false when a condition failed (the whole transaction then wrote nothing) */
    private boolean transact(TransactWriteItem... writes) {
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Agent> find(String agentId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of(AGENT_ID, s(agentId))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AgentItem.fromItem(item));
    }

    @Override
    public void replace(Agent agent, long expectedVersion) {
        Map<String, AttributeValue> old;
        try {
            old = dynamo.putItem(PutItemRequest.builder().tableName(table).item(AgentItem.toItem(agent))
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(agent.agentId());
        }
        transitioned(agent.owner(), oldStatus(old), agent.status());
    }

    @Override
    public void delete(String agentId, long expectedVersion) {
        Map<String, AttributeValue> old;
        try {
            old = dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(Map.of(AGENT_ID, s(agentId)))
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(agentId);
        }
        if (old != null && !old.isEmpty()) {
            transitioned(old.get(AgentItem.OWNER).s(), oldStatus(old), null);
        }
        RevisionItem.purge(dynamo, revisionsTable, agentId);
    }

    @Override
    public boolean recordObserved(String agentId, long generation, AgentStatus status, int readyReplicas,
                                  String reason, Instant deployedAt) {
        Agent current = find(agentId).orElse(null);
        if (current == null || current.generation() != generation) {
            return false;
        }
        return recordObserved(current, status, readyReplicas, reason, deployedAt);
    }

    @Override
    public boolean recordObserved(Agent current, AgentStatus status, int readyReplicas, String reason,
                                  Instant deployedAt) {
        String agentId = current.agentId();
        long generation = current.generation();
        if (deployedAt == null && current.status() == status && current.readyReplicas() == readyReplicas
                && java.util.Objects.equals(current.statusReason(), reason)
                && (status != AgentStatus.DEPLOYED || current.deployedRevision() == generation)) {
            // Nothing to record (a readiness follow-up that saw what the last one saw): no write, so the version a
            // client holds for If-Match does not move under it while an agent rolls out.
            return true;
        }
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#ownerStatus", OWNER_STATUS,
                "#ready", READY_REPLICAS, "#v", VERSION, "#g", GENERATION, "#reason", STATUS_REASON));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(status.name()),
                ":ownerStatus", s(AgentItem.ownerStatus(current.owner(), status)), ":ready", n(readyReplicas),
                ":one", n(1), ":g", n(generation)));
        StringBuilder update = new StringBuilder("SET #status = :status, #ownerStatus = :ownerStatus, #ready = :ready, "
                + "#v = #v + :one");
        if (reason != null) {
            update.append(", #reason = :reason");
            values.put(":reason", s(reason));
        }
        if (status == AgentStatus.DEPLOYED) {
            update.append(", #deployedRevision = :g"); // the revision is the generation
            names.put("#deployedRevision", AgentItem.DEPLOYED_REVISION);
        }
        if (deployedAt != null) {
            update.append(", #deployedAt = :deployedAt");
            names.put("#deployedAt", DEPLOYED_AT);
            values.put(":deployedAt", s(deployedAt.toString()));
        }
        if (reason == null) {
            update.append(" REMOVE #reason");
        }
        try {
            // UPDATED_OLD: the status this write replaced, read atomically with it, so of two racing writers of the
            // same transition (or a redelivery) only the first reports it to the counters.
            Map<String, AttributeValue> old = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(AGENT_ID, s(agentId)))
                    .updateExpression(update.toString())
                    .conditionExpression("#g = :g")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_OLD)
                    .build()).attributes();
            transitioned(current.owner(), oldStatus(old), status);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean keepAuthToken(String agentId, String sealedAuthToken) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(AGENT_ID, s(agentId)))
                    .updateExpression("SET #token = :token, #v = #v + :one")
                    .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#token)")
                    .expressionAttributeNames(Map.of("#token", AgentItem.AUTH_TOKEN_SEALED, "#v", VERSION,
                            "#id", AGENT_ID))
                    .expressionAttributeValues(Map.of(":token", s(sealedAuthToken), ":one", n(1)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean deleteObserved(String agentId, long generation) {
        try {
            Map<String, AttributeValue> old = dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                    .key(Map.of(AGENT_ID, s(agentId)))
                    .conditionExpression("#g = :g")
                    .expressionAttributeNames(Map.of("#g", GENERATION))
                    .expressionAttributeValues(Map.of(":g", n(generation)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .build()).attributes();
            if (old != null && !old.isEmpty()) {
                transitioned(old.get(AgentItem.OWNER).s(), oldStatus(old), null);
            }
            RevisionItem.purge(dynamo, revisionsTable, agentId);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public AgentPage list(AgentQuery query) {
        IndexChoice index = IndexChoice.of(query);
        int skip = query.after() == null ? query.offset() : 0;
        int start = query.after() == null ? 0 : query.after().position();
        int wanted = skip + query.limit() + 1;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = query.after() == null ? null : attributes(query.after().lastKey());
        do {
            QueryRequest.Builder request = index.query(table)
                    .scanIndexForward(false)
                    .limit(Math.min(wanted - items.size(), PAGE_READ));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = run(request.build());
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (items.size() < wanted && startKey != null);

        List<AgentSummary> page = new ArrayList<>();
        for (int i = skip; i < Math.min(items.size(), skip + query.limit()); i++) {
            page.add(AgentItem.summary(items.get(i)));
        }
        AgentCursor next = null;
        if (items.size() > skip + query.limit()) {
            Map<String, AttributeValue> last = items.get(skip + query.limit() - 1);
            Map<String, String> key = new HashMap<>();
            key.put(AGENT_ID, last.get(AGENT_ID).s());
            key.put(LIST_KEY, last.get(LIST_KEY).s());
            key.put(index.partitionAttribute(), last.get(index.partitionAttribute()).s());
            next = new AgentCursor(key, start + skip + page.size());
        }
        return new AgentPage(page, next);
    }

    /** From the counts, one GetItem whatever the number of agents: never a count over the items. */
    @Override
    public long count(AgentQuery query) {
        return counts.count(query.owner(), query.status());
    }

    /** A full count over the items, the truth the counts are checked against (tests, end-state checks): never on a request path. */
    public long countItems(AgentQuery query) {
        IndexChoice index = IndexChoice.of(query);
        long total = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = index.query(table).select(Select.COUNT);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = run(request.build());
            total += response.count();
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return total;
    }

    private QueryResponse run(QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (DynamoDbException e) {
            if (e.statusCode() == 400 && request.exclusiveStartKey() != null && !request.exclusiveStartKey().isEmpty()) {
                throw new IllegalArgumentException("the page cursor does not belong to this listing", e);
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> attributes(Map<String, String> key) {
        Map<String, AttributeValue> out = new HashMap<>();
        key.forEach((k, v) -> out.put(k, s(v)));
        return out;
    }
}
