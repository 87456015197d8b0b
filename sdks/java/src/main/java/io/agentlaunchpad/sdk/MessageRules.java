package io.agentlaunchpad.sdk;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the messages routes (openapi.yaml: sendAgentMessage, listAgentMessages), checked before a call so
 * that a mistake costs no request. The API checks them again: it is the authority.
 */
final class MessageRules {

    static final int MAX_CONTENT = 4000;
    static final int MAX_LIMIT = 100;
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private MessageRules() {
    }

    static void checkMessage(String agentId, String content, String userId) {
        checkAgentId(agentId);
        checkUserId(userId);
        if (content == null || content.isEmpty()) {
            throw invalid("content", "must be a non-empty string");
        }
        // code points: an emoji is one character
        if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw invalid("content", "must be at most " + MAX_CONTENT + " characters");
        }
        // C0, DEL and C1 control characters, tab, line feed and carriage return aside
        if (content.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n'
                && c != '\r')) {
            throw invalid("content", "must not contain control characters other than \\n \\r \\t");
        }
    }

    static void checkListing(String agentId, Integer limit, String userId) {
        checkAgentId(agentId);
        checkUserId(userId);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
    }

    private static void checkAgentId(String agentId) {
        if (agentId == null || agentId.isEmpty()) {
            throw invalid("agentId", "must be a non-empty string");
        }
    }

    private static void checkUserId(String userId) {
        if (userId != null && !USER_ID.matcher(userId).matches()) {
            throw invalid("userId", "must be 1 to 64 of A-Z a-z 0-9 . _ @ -");
        }
    }

    private static ApiException.ValidationException invalid(String field, String message) {
        return new ApiException.ValidationException(new ApiException.Answer(field + " " + message, "VALIDATION_ERROR",
                0, null, List.of(Map.of("field", field, "message", message)), Map.of(), null));
    }
}
