package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentQuery;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.Map;

/** Which list index serves a query, and the partition it reads: one Query, never a Scan. */
record IndexChoice(String indexName, String partitionAttribute, String partitionValue) {

    static IndexChoice of(AgentQuery query) {
        if (query.owner() != null && query.status() != null) {
            return new IndexChoice("byOwnerStatus", AgentItem.OWNER_STATUS,
                    AgentItem.ownerStatus(query.owner(), query.status()));
        }
        if (query.owner() != null) {
            return new IndexChoice("byOwner", AgentItem.OWNER, query.owner());
        }
        if (query.status() != null) {
            return new IndexChoice("byStatus", AgentItem.STATUS, query.status().name());
        }
        return new IndexChoice("byCreation", AgentItem.KIND, AgentItem.KIND_AGENT);
    }

    QueryRequest.Builder query(String table) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName(indexName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", partitionAttribute))
                .expressionAttributeValues(Map.of(":pk", AgentItem.s(partitionValue)));
    }
}
