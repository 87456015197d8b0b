package io.agentlaunchpad.security.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.security.SecurityEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.agentlaunchpad.tables.Attributes.n;
import static io.agentlaunchpad.tables.Attributes.number;
import static io.agentlaunchpad.tables.Attributes.s;
import static io.agentlaunchpad.tables.Attributes.text;

/** The attributes of a security event item and the mapping both ways. */
final class SecurityEventItem {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SecurityEventItem() {
    }

    /** Every attribute but the agent, the details and the count, which each way of recording writes its own way. */
    static Map<String, AttributeValue> common(String type, String severity, String owner, String message, Instant at,
                                              String id, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>();
        String o = owner == null ? SecurityEvent.SYSTEM : owner;
        item.put("owner", s(o));
        item.put("eventKey", s(at + "#" + id));
        item.put("id", s(id));
        item.put("type", s(type));
        item.put("severity", s(severity));
        item.put("message", s(message));
        item.put("timestamp", s(at.toString()));
        item.put("day", s(at.toString().substring(0, 10)));
        item.put("expiresAt", n(at.plus(retention).getEpochSecond()));
        return item;
    }

    /** One occurrence, counted once. */
    static Map<String, AttributeValue> single(Map<String, AttributeValue> common, String agentId,
                                              Map<String, Object> details) {
        Map<String, AttributeValue> item = new HashMap<>(common);
        if (agentId != null) {
            item.put("agentId", s(agentId));
        }
        item.put("details", details(details));
        item.put("count", n(1));
        return item;
    }

    static AttributeValue details(Map<String, Object> details) {
        return s(Json.write(details == null ? Map.of() : details));
    }

    static SecurityEvent fromItem(Map<String, AttributeValue> item) {
        String details = text(item, "details");
        return new SecurityEvent(text(item, "id"), text(item, "type"), text(item, "severity"), text(item, "owner"),
                text(item, "agentId"), text(item, "message"), Instant.parse(text(item, "timestamp")),
                details == null ? Map.of() : Json.MAPPER.convertValue(readTree(details), MAP),
                number(item, "count", 1));
    }

    private static Object readTree(String json) {
        try {
            return Json.tree(json);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
