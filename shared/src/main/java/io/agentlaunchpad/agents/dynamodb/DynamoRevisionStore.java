package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.RevisionStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentlaunchpad.agents.dynamodb.AgentItem.n;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.s;
import static io.agentlaunchpad.agents.dynamodb.RevisionItem.AGENT_ID;
import static io.agentlaunchpad.agents.dynamodb.RevisionItem.REVISION;

/** Adapter: an agent's revisions in DynamoDB, read by key and by a Query on the agent's partition. */
@ApplicationScoped
public class DynamoRevisionStore implements RevisionStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoRevisionStore(DynamoDbClient dynamo, LaunchpadConfig config) {
        this(dynamo, Tables.AGENT_REVISIONS.tableName(config.tables().prefix()));
    }

    public DynamoRevisionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<AgentRevision> find(String agentId, long revision) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(RevisionItem.key(agentId, revision)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(RevisionItem.fromItem(item));
    }

    @Override
    public Page list(String agentId, int limit, Long before) {
        Map<String, String> names = new HashMap<>(Map.of("#id", AGENT_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", s(agentId)));
        String condition = "#id = :id";
        if (before != null) {
            condition += " AND #r < :before";
            names.put("#r", REVISION);
            values.put(":before", n(before));
        }
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false).consistentRead(true).limit(limit + 1).build());
        List<AgentRevision> revisions = response.items().stream().limit(limit).map(RevisionItem::fromItem).toList();
        Long next = response.items().size() > limit ? revisions.get(revisions.size() - 1).revision() : null;
        return new Page(revisions, next);
    }
}
