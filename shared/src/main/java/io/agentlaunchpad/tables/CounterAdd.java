package io.agentlaunchpad.tables;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.s;

/** One counters-table item's {@code ADD}s in one UpdateItem: applied atomically, so no concurrent increment is lost. */
public final class CounterAdd {

    private CounterAdd() {
    }

    public static UpdateItemRequest of(String table, String counterKey, Map<String, Long> delta) {
        StringBuilder add = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (var e : delta.entrySet()) {
            add.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :d").append(i);
            names.put("#a" + i, e.getKey());
            values.put(":d" + i, n(e.getValue()));
            i++;
        }
        return UpdateItemRequest.builder().tableName(table).key(Map.of("counterKey", s(counterKey)))
                .updateExpression(add.toString()).expressionAttributeNames(names)
                .expressionAttributeValues(values).build();
    }
}
