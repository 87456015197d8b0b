package io.agentlaunchpad.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.emulators.RepoRoot;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code openapi.yaml} as the tests hold the code to it: the documented answers of an operation, and a JSON Schema
 * validator of the keywords the spec uses (any other keyword is reported, never skipped).
 *
 * <p>Answers are checked <em>strictly</em>: an object schema that lists {@code properties} and says nothing about
 * {@code additionalProperties} is taken as closed, so a field the code sends and the spec does not name fails. The
 * published schemas stay open for clients (they must ignore fields they do not know); the server may not send one
 * the spec leaves out. An {@code integer} must be written as one ({@code 536870912}, not {@code 5.36870912E8}), as a
 * client with a typed integer field reads it.
 */
public final class OpenApiSpec {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Sent on every answer and described once in the spec's info, not per response. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type");

    private static volatile OpenApiSpec repository;

    private final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    /** The repository's {@code openapi.yaml}, read once. */
    public static OpenApiSpec repository() {
        if (repository == null) {
            repository = read(RepoRoot.get().resolve("openapi.yaml"));
        }
        return repository;
    }

    public static OpenApiSpec read(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            Object yaml = new Yaml(new LoaderOptions()).load(in);
            // a plain mapper: the API's leaves nulls out, and a YAML key without a value must stay visible
            return new OpenApiSpec(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The operation with this operationId. */
    public JsonNode operation(String operationId) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = paths.next().getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (HTTP_METHODS.contains(op.getKey()) && operationId.equals(op.getValue().path("operationId").asText())) {
                    return op.getValue();
                }
            }
        }
        throw new IllegalArgumentException("openapi.yaml has no operation " + operationId);
    }

    /** The documented answer of the operation for this status ($ref followed), or null when there is none. */
    public JsonNode response(String operationId, int status) {
        JsonNode responses = operation(operationId).path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.get("default");
        return response == null ? null : resolve(response);
    }

    /** Follows local {@code $ref}s ({@code #/components/...}) until a node without one. */
    public JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported: " + ref);
            }
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("$ref to nothing: " + ref);
            }
            if (++hops > 32) {
                throw new IllegalArgumentException("$ref loop at " + ref);
            }
        }
        return node;
    }

    /**
     * Everything in a real answer of {@code operationId} that the spec does not document: a status it does not list,
     * a body that does not match the status's schema (strictly), a header it does not name, a missing
     * {@code X-Request-Id}. Empty when the answer is documented.
     */
    public List<String> problems(String operationId, ProxyResponse answer) {
        List<String> problems = new ArrayList<>();
        JsonNode response = response(operationId, answer.statusCode());
        if (response == null) {
            problems.add("status " + answer.statusCode() + " is not documented for " + operationId);
            return problems;
        }
        Set<String> documented = new TreeSet<>(TRANSPORT_HEADERS);
        response.path("headers").fieldNames().forEachRemaining(h -> documented.add(h.toLowerCase(Locale.ROOT)));
        Set<String> sent = new TreeSet<>();
        if (answer.headers() != null) {
            answer.headers().keySet().forEach(h -> sent.add(h.toLowerCase(Locale.ROOT)));
        }
        for (String header : sent) {
            if (!documented.contains(header)) {
                problems.add("header " + header + " is sent but not documented for " + answer.statusCode());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (resolve(header.getValue()).path("required").asBoolean(false)
                    && !sent.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                problems.add("header " + header.getKey() + " is required but not sent");
            }
        }
        if (!sent.contains("x-request-id")) {
            problems.add("header X-Request-Id is missing");
        }
        JsonNode media = response.path("content").path("application/json");
        if (media.isMissingNode()) {
            if (answer.body() != null && !answer.body().isEmpty()) {
                problems.add("a body is sent but " + answer.statusCode() + " documents none");
            }
            return problems;
        }
        JsonNode body;
        try {
            body = Json.tree(answer.body());
        } catch (Exception e) {
            problems.add("the body is not JSON: " + answer.body());
            return problems;
        }
        problems.addAll(validate(media.get("schema"), body));
        return problems;
    }

    /** The value against the schema, strictly (see the class comment). */
    public List<String> validate(JsonNode schema, JsonNode value) {
        return new StrictSchemaCheck(this::resolve).validate(schema, value, "$");
    }
}
