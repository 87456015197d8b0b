package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Lists as a real API server answers them, from the store's: filtered by field selector, typed
 * ({@code PodList}, not {@code List}), or as a Table.
 */
final class StoreLists {

    private final Dispatcher store;

    StoreLists(Dispatcher store) {
        this.store = store;
    }

    /**
     * The store names every list {@code v1 List}; a typed client (kubectl's describe, logs, top) decodes a pod list
     * only from a {@code v1 PodList}. The list's kind and version are set from the resource listed.
     */
    static MockResponse typedList(MockResponse stored, ResourcePath target) {
        Optional<ApiDiscovery.Resource> resource = ApiDiscovery.resource(target.groupVersion(), target.plural());
        if (stored.code() != 200 || resource.isEmpty() || stored.getBody() == null) {
            return StoredObjects.withContentType(stored);
        }
        String body = new String(stored.getBody().getBytes(), StandardCharsets.UTF_8);
        String prefix = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";
        String typed = "{\"apiVersion\":\"" + target.groupVersion() + "\",\"kind\":\"" + resource.get().kind()
                + "List\",";
        if (body.startsWith(prefix)) {
            body = typed + body.substring(prefix.length());
        } else {
            JsonNode list = StoredObjects.parse(stored.getBody().getBytes());
            if (!list.isObject() || !list.has("items")) {
                return StoredObjects.withContentType(stored);
            }
            ((ObjectNode) list).put("apiVersion", target.groupVersion()).put("kind", resource.get().kind() + "List");
            body = list.toString();
        }
        return StoredObjects.json(200, body);
    }

    /**
     * A list from the store, filtered by the request's field selector ({@code spec.nodeName=...},
     * {@code status.phase!=Succeeded}: {@code =}, {@code ==} and {@code !=} on any field path), which the store
     * does not read.
     */
    MockResponse listed(RecordedRequest request, String full, Map<String, String> query) {
        String selector = query.get("fieldSelector");
        if (selector == null || selector.isEmpty()) {
            return store.dispatch(request);
        }
        int q = full.indexOf('?');
        StringBuilder path = new StringBuilder(full.substring(0, q));
        char separator = '?';
        for (String pair : full.substring(q + 1).split("&")) {
            if (!pair.isEmpty() && !pair.startsWith("fieldSelector=")) {
                path.append(separator).append(pair);
                separator = '&';
            }
        }
        MockResponse stored = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path.toString(),
                request.getHeaders(), new Buffer()));
        if (stored.code() != 200) {
            return stored;
        }
        JsonNode list = StoredObjects.parse(stored.getBody().getBytes());
        ArrayNode kept = StoredObjects.JSON.createArrayNode();
        for (JsonNode item : list.path("items")) {
            if (fieldsMatch(item, selector)) {
                kept.add(item);
            }
        }
        if (list.isObject()) {
            ((ObjectNode) list).set("items", kept);
        }
        return StoredObjects.json(200, list.toString());
    }

    static boolean fieldsMatch(JsonNode object, String selector) {
        for (String term : selector.split(",")) {
            boolean negated = term.contains("!=");
            String[] parts = term.split(negated ? "!=" : "==?", 2);
            if (parts.length != 2) {
                continue;
            }
            JsonNode value = object;
            for (String field : parts[0].strip().split("\\.")) {
                value = value.path(field);
            }
            boolean equal = value.asText("").equals(parts[1].strip());
            if (equal == negated) {
                return false;
            }
        }
        return true;
    }

    static MockResponse table(MockResponse stored, ResourcePath target) {
        Optional<ApiDiscovery.Resource> resource = ApiDiscovery.resource(target.groupVersion(), target.plural());
        if (stored.code() != 200 || resource.isEmpty()) {
            return StoredObjects.withContentType(stored);
        }
        JsonNode body = StoredObjects.parse(stored.getBody().getBytes());
        return StoredObjects.json(200, ApiTables.table(resource.get().kind(), body, Instant.now()).toString());
    }
}
