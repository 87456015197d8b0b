package io.agentlaunchpad.json;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.FieldError;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads fields out of a JSON body, collecting every problem with its path instead of stopping at the first, so one
 * 400 tells the caller all that is wrong.
 */
public final class BodyReader {

    private final List<FieldError> errors = new ArrayList<>();

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** @throws ApiException 400 listing every problem found so far */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    public static String path(String parent, String field) {
        return parent == null || parent.isEmpty() ? field : parent + "." + field;
    }

    /** Unknown fields are refused, so a misspelt field never silently does nothing. */
    public void onlyFields(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                reject(path(path, name), "is not a known field; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    /** The object at {@code name}, or null when absent (and an error when required or not an object). */
    public JsonNode object(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                reject(path, "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            reject(path, "must be an object");
            return null;
        }
        return node;
    }

    public String string(JsonNode parent, String name, String path, boolean required, int maxLength) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                reject(path, "is required");
            }
            return null;
        }
        return text(node, path, maxLength, required);
    }

    private String text(JsonNode node, String path, int maxLength, boolean nonEmpty) {
        if (!node.isTextual()) {
            reject(path, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (nonEmpty && value.isBlank()) {
            reject(path, "must not be empty");
            return null;
        }
        if (value.length() > maxLength) {
            reject(path, "must be at most " + maxLength + " characters");
            return null;
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            reject(path, "must not contain control characters");
            return null;
        }
        if (hasUnpairedSurrogate(value)) {
            // a lone surrogate escape is valid JSON but not Unicode text: as UTF-8 (DynamoDB, Kubernetes) it becomes "?"
            reject(path, "must be valid Unicode text (an unpaired surrogate escape)");
            return null;
        }
        return value;
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A list of strings; with {@code acceptSingle}, a lone string counts as a list of one (ElizaOS's bio). */
    public List<String> strings(JsonNode parent, String name, String path, boolean required, int maxItems,
                                int maxLength, boolean acceptSingle) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                reject(path, "is required");
            }
            return null;
        }
        if (acceptSingle && node.isTextual()) {
            String one = text(node, path, maxLength, true);
            return one == null ? null : List.of(one);
        }
        if (!node.isArray()) {
            reject(path, acceptSingle ? "must be a string or an array of strings" : "must be an array of strings");
            return null;
        }
        if (required && node.isEmpty()) {
            reject(path, "must not be empty");
            return null;
        }
        if (node.size() > maxItems) {
            reject(path, "must have at most " + maxItems + " items");
            return null;
        }
        List<String> values = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            String value = text(node.get(i), path + "[" + i + "]", maxLength, true);
            if (value != null) {
                values.add(value);
            }
        }
        return errors.size() == before ? List.copyOf(values) : null;
    }

    /** A whole number within bounds; {@code 2.0} and {@code "2"} are refused. */
    public Integer integer(JsonNode parent, String name, String path, boolean required, int min, int max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                reject(path, "is required");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            reject(path, "must be a whole number between " + min + " and " + max);
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            reject(path, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }
}
