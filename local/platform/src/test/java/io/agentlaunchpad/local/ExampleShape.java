package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a real answer with an example of the API reference: every field the example shows must be in the answer
 * with the same JSON type (numbers are one type, as JSON has one), recursively; an array by its first element, so an
 * example showing an element needs an answer with one. Fields the answer adds are not looked at.
 */
final class ExampleShape {

    /** One field of the example the answer does not match, by JSON path ({@code $.health.kubernetes.replicas}). */
    record Gap(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    private ExampleShape() {
    }

    static List<Gap> gaps(JsonNode example, JsonNode answer) {
        List<Gap> gaps = new ArrayList<>();
        compare(example, answer, "$", gaps);
        return gaps;
    }

    private static void compare(JsonNode example, JsonNode answer, String path, List<Gap> gaps) {
        if (example.isNull()) {
            return;
        }
        if (answer == null || answer.isMissingNode()) {
            gaps.add(new Gap(path, "missing (the example shows " + type(example) + ")"));
            return;
        }
        if (answer.isNull()) {
            gaps.add(new Gap(path, "null (the example shows " + type(example) + ")"));
            return;
        }
        if (!type(example).equals(type(answer))) {
            gaps.add(new Gap(path, type(answer) + " where the example shows " + type(example)));
            return;
        }
        if (example.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(field.getValue(), answer.get(field.getKey()), path + "." + field.getKey(), gaps);
            }
        } else if (example.isArray() && !example.isEmpty()) {
            if (answer.isEmpty()) {
                gaps.add(new Gap(path + "[0]", "missing: the answer's array is empty, the example shows "
                        + type(example.get(0))));
            } else {
                compare(example.get(0), answer.get(0), path + "[0]", gaps);
            }
        }
    }

    static String type(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
