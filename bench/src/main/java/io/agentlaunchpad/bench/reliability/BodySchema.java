package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Predicate;

/**
 * The fields of one request body as the platform validates them, with a valid baseline body: what the corpus mutates
 * one field at a time. Each field says which JSON shapes it takes, so every generated variant is invalid by the
 * platform's own rules (a null for an optional field, for instance, means "absent" and is never generated).
 */
public record BodySchema(String name, String baseline, List<Field> fields) {

    public enum Type {
        /** Free text: only control characters, emptiness (when required) and length make it invalid. */
        TEXT,
        /** A string with a shape (a DNS label, a username, an email, a role, a quantity). */
        PATTERN,
        /** A list of strings; with {@code acceptSingle} one string counts as a list of one. */
        STRINGS,
        INT,
        BOOL,
        OBJECT,
        /** Present at all is an error (agentName on update). */
        FORBIDDEN
    }

    /**
     * One field. {@code valid} tells whether a string value has the right shape ({@code PATTERN}, {@code STRINGS}
     * items); {@code badValues} are extra values known to be invalid for it (quantities, for example);
     * {@code nullable}: null is accepted (absent, or removal).
     */
    public record Field(String name, Type type, boolean required, boolean nullable, int maxLength, int min, int max,
                        boolean acceptSingle, Predicate<String> valid, List<String> badValues, List<Field> children) {

        public static Field text(String name, boolean required, int maxLength) {
            return new Field(name, Type.TEXT, required, !required, maxLength, 0, 0, false, s -> true, List.of(), List.of());
        }

        public static Field pattern(String name, boolean required, int maxLength, Predicate<String> valid,
                                    List<String> badValues) {
            return new Field(name, Type.PATTERN, required, !required, maxLength, 0, 0, false, valid, badValues, List.of());
        }

        public static Field strings(String name, boolean required, int maxItems, int maxLength, boolean acceptSingle,
                                    Predicate<String> itemValid) {
            return new Field(name, Type.STRINGS, required, !required, maxLength, 0, maxItems, acceptSingle, itemValid,
                    List.of(), List.of());
        }

        public static Field integer(String name, boolean required, int min, int max) {
            return new Field(name, Type.INT, required, !required, 0, min, max, false, s -> true, List.of(), List.of());
        }

        public static Field bool(String name) {
            return new Field(name, Type.BOOL, false, true, 0, 0, 0, false, s -> true, List.of(), List.of());
        }

        public static Field object(String name, boolean required, List<Field> children) {
            return new Field(name, Type.OBJECT, required, !required, 0, 0, 0, false, s -> true, List.of(), children);
        }

        public static Field forbidden(String name) {
            return new Field(name, Type.FORBIDDEN, false, false, 0, 0, 0, false, s -> false, List.of(), List.of());
        }

        /** The same field, but null is not accepted even though it is optional (update: present means "set"). */
        public Field neverNull() {
            return new Field(name, type, required, false, maxLength, min, max, acceptSingle, valid, badValues, children);
        }

        /** The same field, with null accepted (update: a platform set to null is removed). */
        public Field orNull() {
            return new Field(name, type, required, true, maxLength, min, max, acceptSingle, valid, badValues, children);
        }
    }

    public ObjectNode baselineNode() {
        try {
            return (ObjectNode) io.agentlaunchpad.json.Json.tree(baseline);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("baseline of " + name + " is not JSON", e);
        }
    }
}
