package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The seed's error format, as {@code http/ErrorBody} writes it: {@code {"error": {"code", "message", "timestamp",
 * "requestId", "details"?}}} and nothing else, a code of {@link ErrorCode} whose status is the response's, and no
 * trace of the implementation (stack frames, exception or package names).
 */
public final class ErrorFormat {

    /** The message the local gateway gives a route whose function it does not serve yet. */
    public static final String NOT_SERVED = "is not served by the local platform yet";

    private static final Pattern LEAK = Pattern.compile(
            "Exception\\b|Error:|\\.java:\\d+|\\bat (java|jdk|io|com|org|software|sun)\\.|Caused by|com\\.fasterxml"
                    + "|software\\.amazon|io\\.agentlaunchpad\\.|java\\.(lang|util|io|net)\\.|jakarta\\.|org\\.jboss");

    private ErrorFormat() {
    }

    /** A 503 from the gateway saying the route's function is not wired into the local platform yet. */
    public static boolean notServed(Http.Answer answer) {
        if (answer.status() != 503) {
            return false;
        }
        return message(answer).map(m -> m.contains(NOT_SERVED)).orElse(false);
    }

    public static Optional<String> message(Http.Answer answer) {
        try {
            JsonNode node = Json.tree(answer.body());
            return node == null ? Optional.empty() : Optional.ofNullable(node.path("error").path("message").textValue());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public static Optional<String> code(Http.Answer answer) {
        try {
            JsonNode node = Json.tree(answer.body());
            return node == null ? Optional.empty() : Optional.ofNullable(node.path("error").path("code").textValue());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** What is wrong with an error answer's format; empty when it is right. */
    public static List<String> problems(Http.Answer answer) {
        List<String> problems = new ArrayList<>();
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            problems.add("Content-Type is " + type + ", not application/json");
        }
        if (LEAK.matcher(answer.body()).find()) {
            problems.add("the body names the implementation (stack trace, exception or class name)");
        }
        JsonNode node;
        try {
            node = Json.tree(answer.body());
        } catch (Exception e) {
            problems.add("the body is not JSON");
            return problems;
        }
        if (node == null || !node.isObject()) {
            problems.add("the body is not a JSON object");
            return problems;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("error")) {
                problems.add("unexpected top-level field '" + name + "'");
            }
        }
        JsonNode error = node.get("error");
        if (error == null || !error.isObject()) {
            problems.add("no \"error\" object");
            return problems;
        }
        for (Iterator<String> it = error.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of("code", "message", "timestamp", "requestId", "details").contains(name)) {
                problems.add("unexpected field error." + name);
            }
        }
        String code = error.path("code").textValue();
        ErrorCode known = null;
        try {
            known = code == null ? null : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            problems.add("error.code '" + code + "' is not an ErrorCode");
        }
        if (code == null) {
            problems.add("no error.code");
        }
        if (known != null && known.status() != answer.status()) {
            problems.add("error.code " + code + " means " + known.status() + ", the status is " + answer.status());
        }
        String message = error.path("message").textValue();
        if (message == null || message.isBlank()) {
            problems.add("no error.message");
        }
        if (error.path("requestId").textValue() == null || error.path("requestId").textValue().isBlank()) {
            problems.add("no error.requestId");
        }
        String timestamp = error.path("timestamp").textValue();
        if (timestamp == null || !timestamp.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$")) {
            problems.add("error.timestamp is not ISO-8601 UTC to the second: " + timestamp);
        }
        return problems;
    }
}
