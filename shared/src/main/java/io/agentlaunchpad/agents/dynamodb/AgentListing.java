package io.agentlaunchpad.agents.dynamodb;

import io.agentlaunchpad.agents.AgentCursor;
import io.agentlaunchpad.agents.AgentPage;
import io.agentlaunchpad.agents.AgentQuery;
import io.agentlaunchpad.agents.AgentSummary;
import io.agentlaunchpad.tables.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.agents.dynamodb.AgentItem.AGENT_ID;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.LIST_KEY;
import static io.agentlaunchpad.agents.dynamodb.AgentItem.s;

/** The agents' lists: Queries of the index {@link IndexChoice} picks, newest first, never a Scan. */
final class AgentListing {

    private static final int PAGE_READ = 500;

    private final Table agents;

    AgentListing(Table agents) {
        this.agents = agents;
    }

    AgentPage list(AgentQuery query) {
        IndexChoice index = IndexChoice.of(query);
        int skip = query.after() == null ? query.offset() : 0;
        int start = query.after() == null ? 0 : query.after().position();
        int wanted = skip + query.limit() + 1;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = query.after() == null ? null : attributes(query.after().lastKey());
        do {
            QueryRequest.Builder request = index.query(agents.name())
                    .scanIndexForward(false)
                    .limit(Math.min(wanted - items.size(), PAGE_READ));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = run(request.build());
            items.addAll(response.items());
            startKey = Table.nextStart(response.lastEvaluatedKey());
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

    /** A full count over the items (tests, end-state checks): never on a request path. */
    long countItems(AgentQuery query) {
        IndexChoice index = IndexChoice.of(query);
        long total = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = index.query(agents.name()).select(Select.COUNT);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = run(request.build());
            total += response.count();
            startKey = Table.nextStart(response.lastEvaluatedKey());
        } while (startKey != null);
        return total;
    }

    private QueryResponse run(QueryRequest request) {
        try {
            return agents.dynamo().query(request);
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
