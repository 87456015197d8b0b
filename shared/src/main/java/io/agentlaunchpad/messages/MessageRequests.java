package io.agentlaunchpad.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.FieldError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The messages routes' inputs, checked field by field: every problem is named in one 400. */
public final class MessageRequests {

    public static final int MAX_CONTENT = 4000;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;
    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");
    private static final Set<String> FIELDS = Set.of("content", "userId");

    /** A message to send: the content and whose conversation it belongs to (null: the caller's). */
    public record Outgoing(String content, String userId) {
    }

    private MessageRequests() {
    }

    public static Outgoing parseSend(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                // the wording of BodyReader's: the bad-input suite reads the field list from it
                errors.add(new FieldError(name, "is not a known field; expected one of "
                        + FIELDS.stream().sorted().toList()));
            }
        }
        String content = null;
        JsonNode c = body.get("content");
        if (c == null || c.isNull()) {
            errors.add(new FieldError("content", "is required"));
        } else if (!c.isTextual()) {
            errors.add(new FieldError("content", "must be a string"));
        } else {
            content = c.asText();
            contentProblem(content).ifPresent(problem -> errors.add(new FieldError("content", problem)));
        }
        String userId = null;
        JsonNode u = body.get("userId");
        if (u != null && !u.isNull()) {
            if (!u.isTextual()) {
                errors.add(new FieldError("userId", "must be a string"));
            } else if (!USER_ID.matcher(u.asText()).matches()) {
                errors.add(new FieldError("userId", "must be 1 to 64 characters of letters, digits and . _ @ -"));
            } else {
                userId = u.asText();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Outgoing(content, userId);
    }

    /** The {@code userId} query parameter: null when absent (the caller's own conversation). */
    public static String userIdQuery(String value) {
        if (value == null) {
            return null;
        }
        if (!USER_ID.matcher(value).matches()) {
            throw ApiException.validation("userId", "must be 1 to 64 characters of letters, digits and . _ @ -");
        }
        return value;
    }

    private static java.util.Optional<String> contentProblem(String content) {
        int length = content.codePointCount(0, content.length());
        if (length < 1) {
            return java.util.Optional.of("must not be empty");
        }
        if (length > MAX_CONTENT) {
            return java.util.Optional.of("must be at most " + MAX_CONTENT + " characters, got " + length);
        }
        boolean control = content.codePoints().anyMatch(cp -> (Character.getType(cp) == Character.CONTROL
                && cp != '\n' && cp != '\r' && cp != '\t'));
        if (control) {
            return java.util.Optional.of("must not contain control characters other than line breaks and tabs");
        }
        return java.util.Optional.empty();
    }
}
