package io.agentlaunchpad.security.dynamodb;

import io.agentlaunchpad.security.SecurityEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.s;

/**
 * Where a page of events ends, as the service hands it on ({@link io.agentlaunchpad.security.SecurityEventPage#last()})
 * and as the Query starts again from it: the table's key, and the day for the {@code byDay} index.
 */
final class SecurityEventCursor {

    private SecurityEventCursor() {
    }

    static Map<String, String> after(SecurityEvent last) {
        return Map.of("owner", last.owner(), "eventKey", last.timestamp() + "#" + last.id(),
                "day", last.timestamp().toString().substring(0, 10));
    }

    /** The start key of the next Query: without the day when an owner's partition is read (the table's own key). */
    static Map<String, AttributeValue> startKey(Map<String, String> cursor, boolean ownersPartition) {
        if (cursor == null) {
            return null;
        }
        Map<String, AttributeValue> key = new HashMap<>();
        cursor.forEach((k, v) -> key.put(k, s(v)));
        if (ownersPartition) {
            key.remove("day");
        }
        return key;
    }
}
