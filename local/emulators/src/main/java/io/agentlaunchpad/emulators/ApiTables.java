package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code meta.k8s.io/v1} Table a real API server answers when a client asks for one ({@code kubectl get} does,
 * with {@code Accept: application/json;as=Table;...}); without it {@code kubectl} prints only NAME and AGE. The
 * columns are those of Kubernetes' own printers for the kinds the platform uses (wide columns at priority 1), NAME
 * and AGE for the rest.
 */
final class ApiTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiTables() {
    }

    /** The Table of {@code body} (one object or a list of them) of this kind. */
    static ObjectNode table(String kind, JsonNode body, Instant now) {
        List<TableColumns.Column> columns = TableColumns.of(kind, now);
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (body.path("metadata").has("resourceVersion")) {
            metadata.set("resourceVersion", body.path("metadata").get("resourceVersion"));
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (TableColumns.Column c : columns) {
            definitions.addObject().put("name", c.name()).put("type", c.type())
                    .put("format", c.name().equals("Name") ? "name" : "").put("description", c.name())
                    .put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> items = new ArrayList<>();
        if (body.has("items")) {
            body.get("items").forEach(items::add);
        } else {
            items.add(body);
        }
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (TableColumns.Column c : columns) {
                Object value = c.cell().apply(item);
                if (value instanceof Integer i) {
                    cells.add(i);
                } else if (value instanceof Long l) {
                    cells.add(l);
                } else {
                    cells.add(value == null ? "" : value.toString());
                }
            }
            ObjectNode object = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", item.path("metadata").deepCopy());
        }
        return table;
    }

    /** How long ago the object was created, as {@code kubectl} shows it (Go's duration.HumanDuration). */
    static String age(JsonNode object, Instant now) {
        String created = object.path("metadata").path("creationTimestamp").asText(null);
        if (created == null) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(created), now));
        } catch (RuntimeException e) {
            return "<unknown>";
        }
    }

    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return twoUnits(minutes, "m", seconds % 60, "s");
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            return twoUnits(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return twoUnits(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return twoUnits(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    /** {@code 3h20m}, or {@code 3h} when the smaller unit is 0. */
    private static String twoUnits(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
    }
}
