package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentAlreadyExistsException;
import io.agentlaunchpad.agents.AgentCounts;
import io.agentlaunchpad.agents.AgentPage;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.VersionConflictException;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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
import java.util.function.Supplier;

import static io.agentlaunchpad.agents.dynamodb.AgentItem.AGENT_ID;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.DEPLOYED_AT;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.GENERATION;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.OWNER_STATUS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.READY_REPLICAS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.STATUS;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.STATUS_REASON;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.VERSION;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.n;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.s;

/** Adapter: agents in DynamoDB, written with conditions on {@code version}, listed through the table's indexes. */
@ApplicationScoped
public class DynamoAgentStore implements AgentStore {

    private static final String AT_VERSION = "#v = :expected";
    private static final Map<String, String> VERSION_NAME = Map.of("#v", VERSION);

    private final Table agents;
    private final String revisionsTable;
    private final AgentCounts counts;
    private final DeploymentCounters counters;
    private final AgentListing listing;

    /** The agents and their counts in the tables of {@code prefix}, without the system-metrics counters (tests, tools). */
    public static DynamoAgentStore inTables(DynamoDbClient dynamo, String prefix) {
        TableSet tables = new TableSet(dynamo, prefix);
        return new DynamoAgentStore(tables, new DynamoAgentCounts(tables), DeploymentCounters.NONE);
    }

    /** Every write that changes an agent's status reports the transition it made to {@code counts} and {@code counters}, once. */
    @Inject
    public DynamoAgentStore(TableSet tables, AgentCounts counts, DeploymentCounters counters) {
        this.agents = tables.table(Tables.AGENTS);
        this.revisionsTable = tables.table(Tables.AGENT_REVISIONS).name();
        this.counts = counts;
        this.counters = counters;
        this.listing = new AgentListing(this.agents);
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
            agents.dynamo().putItem(PutItemRequest.builder().tableName(agents.name()).item(AgentItem.toItem(agent))
                    .conditionExpression("attribute_not_exists(" + AGENT_ID + ")").build());
        } catch (ConditionalCheckFailedException e) {
            throw new AgentAlreadyExistsException(agent.agentId());
        }
        transitioned(agent.owner(), null, agent.status());
    }

    @Override
    public void create(Agent agent, AgentRevision first) {
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(agents.name())
                .item(AgentItem.toItem(agent)).conditionExpression("attribute_not_exists(" + AGENT_ID + ")").build())
                .build();
        if (!transact(put, RevisionItem.put(revisionsTable, first))) {
            throw new AgentAlreadyExistsException(agent.agentId());
        }
        transitioned(agent.owner(), null, agent.status());
    }

    @Override
    public void replace(Agent agent, long expectedVersion, AgentRevision revision, long expiredRevision) {
        Agent before = find(agent.agentId()).filter(a -> a.version() == expectedVersion).orElse(null);
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(agents.name())
                .item(AgentItem.toItem(agent)).conditionExpression(AT_VERSION).expressionAttributeNames(VERSION_NAME)
                .expressionAttributeValues(expected(expectedVersion)).build()).build();
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
            agents.dynamo().transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
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
        return agents.find(Map.of(AGENT_ID, s(agentId))).map(AgentItem::fromItem);
    }

    @Override
    public void replace(Agent agent, long expectedVersion) {
        Map<String, AttributeValue> old = atVersion(agent.agentId(), () -> agents.dynamo().putItem(PutItemRequest
                .builder().tableName(agents.name()).item(AgentItem.toItem(agent)).conditionExpression(AT_VERSION)
                .expressionAttributeNames(VERSION_NAME).expressionAttributeValues(expected(expectedVersion))
                .returnValues(ReturnValue.ALL_OLD).build()).attributes());
        transitioned(agent.owner(), oldStatus(old), agent.status());
    }

    @Override
    public void delete(String agentId, long expectedVersion) {
        Map<String, AttributeValue> old = atVersion(agentId, () -> agents.dynamo().deleteItem(DeleteItemRequest
                .builder().tableName(agents.name()).key(Map.of(AGENT_ID, s(agentId))).conditionExpression(AT_VERSION)
                .expressionAttributeNames(VERSION_NAME).expressionAttributeValues(expected(expectedVersion))
                .returnValues(ReturnValue.ALL_OLD).build()).attributes());
        deleted(agentId, old);
    }

    /** A write conditioned on the version the caller read ({@link #AT_VERSION}); refused, a version conflict. */
    private static Map<String, AttributeValue> atVersion(String agentId,
                                                         Supplier<Map<String, AttributeValue>> conditionalWrite) {
        try {
            return conditionalWrite.get();
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(agentId);
        }
    }

    private static Map<String, AttributeValue> expected(long version) {
        return Map.of(":expected", n(version));
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
            Map<String, AttributeValue> old = agents.dynamo().updateItem(UpdateItemRequest.builder()
                    .tableName(agents.name())
                    .key(Map.of(AGENT_ID, s(agentId)))
                    .updateExpression(update.toString())
                    .conditionExpression("#g = :g")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_OLD)
                    .build()).attributes();
            transitioned(current.owner(), oldStatus(old), status);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean keepAuthToken(String agentId, String sealedAuthToken) {
        return Table.unlessRefused(() -> agents.dynamo().updateItem(UpdateItemRequest.builder().tableName(agents.name())
                .key(Map.of(AGENT_ID, s(agentId)))
                .updateExpression("SET #token = :token, #v = #v + :one")
                .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#token)")
                .expressionAttributeNames(Map.of("#token", AgentItem.AUTH_TOKEN_SEALED, "#v", VERSION,
                        "#id", AGENT_ID))
                .expressionAttributeValues(Map.of(":token", s(sealedAuthToken), ":one", n(1)))
                .build()));
    }

    @Override
    public boolean deleteObserved(String agentId, long generation) {
        return Table.unlessRefused(() -> deleted(agentId, agents.dynamo().deleteItem(DeleteItemRequest.builder()
                .tableName(agents.name()).key(Map.of(AGENT_ID, s(agentId)))
                .conditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", GENERATION))
                .expressionAttributeValues(Map.of(":g", n(generation)))
                .returnValues(ReturnValue.ALL_OLD)
                .build()).attributes()));
    }

    /** After a delete: the counts lose the agent that was there, and its revisions go. */
    private void deleted(String agentId, Map<String, AttributeValue> old) {
        if (old != null && !old.isEmpty()) {
            transitioned(old.get(AgentItem.OWNER).s(), oldStatus(old), null);
        }
        RevisionItem.purge(agents.dynamo(), revisionsTable, agentId);
    }

    @Override
    public AgentPage list(AgentQuery query) {
        return listing.list(query);
    }

    /** From the counts, one GetItem whatever the number of agents: never a count over the items. */
    @Override
    public long count(AgentQuery query) {
        return counts.count(query.owner(), query.status());
    }

    /** A full count over the items, the truth the counts are checked against (tests, end-state checks): never on a request path. */
    public long countItems(AgentQuery query) {
        return listing.countItems(query);
    }
}
