package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentRevision;
import io.agentlaunchpad.agents.RevisionStore;
import io.agentlaunchpad.tables.Table;
import io.agentlaunchpad.tables.TableSet;
import io.agentlaunchpad.tables.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    private final Table table;

    @Inject
    public DynamoRevisionStore(TableSet tables) {
        this.table = tables.table(Tables.AGENT_REVISIONS);
    }

    @Override
    public Optional<AgentRevision> find(String agentId, long revision) {
        return table.find(RevisionItem.key(agentId, revision)).map(RevisionItem::fromItem);
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
        QueryResponse response = table.dynamo().query(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false).consistentRead(true).limit(limit + 1).build());
        List<AgentRevision> revisions = response.items().stream().limit(limit).map(RevisionItem::fromItem).toList();
        Long next = response.items().size() > limit ? revisions.get(revisions.size() - 1).revision() : null;
        return new Page(revisions, next);
    }
}
