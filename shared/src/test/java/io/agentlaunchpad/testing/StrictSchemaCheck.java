package io.agentlaunchpad.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The JSON Schema validator behind {@link OpenApiSpec}: the keywords the spec uses (any other keyword is reported,
 * never skipped), an object schema with {@code properties} and no {@code additionalProperties} taken as closed, an
 * {@code integer} only as written as one.
 */
final class StrictSchemaCheck {

    private static final Set<String> KEYWORDS = Set.of("$ref", "type", "enum", "const", "required", "properties",
            "additionalProperties", "items", "allOf", "oneOf", "anyOf", "minimum", "maximum", "minLength", "maxLength",
            "pattern", "format", "minItems", "maxItems", "uniqueItems", "minProperties", "description", "example",
            "examples", "default", "title", "deprecated", "readOnly", "writeOnly");
    /** Follows the spec's local {@code $ref}s. */
    private final UnaryOperator<JsonNode> resolve;

    StrictSchemaCheck(UnaryOperator<JsonNode> resolve) {
        this.resolve = resolve;
    }

    private JsonNode resolve(JsonNode node) {
        return resolve.apply(node);
    }

    /**
     * @param closable whether an undeclared {@code additionalProperties} closes this schema: not for an
     *                 {@code allOf} member, whose siblings declare the rest of the object's fields
     */
    private void check(JsonNode schemaOrRef, JsonNode value, String at, boolean closable, List<String> problems) {
        if (schemaOrRef == null || schemaOrRef.isMissingNode()) {
            return;
        }
        if (schemaOrRef.isBoolean()) {
            if (!schemaOrRef.asBoolean()) {
                problems.add(at + ": not allowed");
            }
            return;
        }
        for (Iterator<String> names = schemaOrRef.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KEYWORDS.contains(keyword)) {
                problems.add(at + ": the schema keyword '" + keyword + "' is not supported by this validator");
            }
        }
        if (schemaOrRef.has("$ref")) {
            // 3.1: $ref beside other keywords applies both
            check(resolve(schemaOrRef), value, at, closable, problems);
        }
        JsonNode schema = schemaOrRef;

        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> isType(value, t))) {
                problems.add(at + ": " + value + " is not " + String.join("|", types));
                return;
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= same(option, value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !same(schema.get("const"), value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        for (JsonNode member : schema.path("allOf")) {
            check(member, value, at, false, problems);
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode member : schema.get("oneOf")) {
                matching += validate(member, value, at).isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                problems.add(at + ": matches " + matching + " of the oneOf schemas, not exactly one: " + brief(value));
                if (matching == 0) {
                    for (JsonNode member : schema.get("oneOf")) {
                        validate(member, value, at).forEach(p -> problems.add("  (oneOf) " + p));
                    }
                }
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode member : schema.get("anyOf")) {
                any |= validate(member, value, at).isEmpty();
            }
            if (!any) {
                problems.add(at + ": matches none of the anyOf schemas: " + brief(value));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(at + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(at + ": longer than " + schema.get("maxLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            if ("date-time".equals(schema.path("format").asText())) {
                try {
                    OffsetDateTime.parse(text);
                } catch (DateTimeParseException e) {
                    problems.add(at + ": '" + text + "' is not an RFC 3339 date-time");
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.path("uniqueItems").asBoolean(false)) {
                Set<String> seen = new LinkedHashSet<>();
                value.forEach(item -> {
                    if (!seen.add(Json.canonical(item))) {
                        problems.add(at + ": " + item + " is repeated");
                    }
                });
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]", true, problems);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(at + "." + name.asText() + ": required but missing");
                }
            }
            if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minProperties") + " properties");
            }
            Set<String> declared = declaredProperties(schema);
            JsonNode additional = schema.get("additionalProperties");
            boolean closed = additional != null ? additional.isBoolean() && !additional.asBoolean()
                    : closable && schema.has("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = at + "." + field.getKey();
                JsonNode property = schema.path("properties").get(field.getKey());
                if (property != null) {
                    check(property, field.getValue(), path, true, problems);
                } else if (additional != null && additional.isObject()) {
                    check(additional, field.getValue(), path, true, problems);
                } else if (closed && !declared.contains(field.getKey())) {
                    problems.add(path + ": sent but not documented (" + brief(field.getValue()) + ")");
                }
            }
        }
    }

    List<String> validate(JsonNode schema, JsonNode value, String at) {
        List<String> problems = new ArrayList<>();
        check(schema, value, at, true, problems);
        return problems;
    }

    /** The property names this schema and its allOf members (and their $refs) declare. */
    private Set<String> declaredProperties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        if (schema.has("$ref")) {
            names.addAll(declaredProperties(resolve(schema)));
        }
        for (JsonNode member : schema.path("allOf")) {
            names.addAll(declaredProperties(resolve(member)));
        }
        return names;
    }

    private static boolean isType(JsonNode value, String type) {
        return switch (type) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "string" -> value.isTextual();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            // as written: 536870912, not 536870912.0 or 5.36870912E8 (a typed client's integer field refuses those)
            case "integer" -> value.isIntegralNumber();
            default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String brief(JsonNode value) {
        String text = value.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
