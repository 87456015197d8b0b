package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}) in one request, as a real API server
 * answers it: the object created when it does not exist, else the applied object merged into the stored one (a JSON
 * merge: maps merged key by key, lists and values replaced) with the stored status kept, and nothing written when
 * the merge changes nothing. Not simulated: field ownership (a field the manager stops applying stays, where a real
 * server would remove it) and conflicts between managers (the platform always forces).
 */
final class ServerSideApply {

    static final String CONTENT_TYPE = "application/apply-patch";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final StoredObjects store;

    ServerSideApply(StoredObjects store) {
        this.store = store;
    }

    static boolean isApply(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return "PATCH".equalsIgnoreCase(request.getMethod()) && type != null && type.startsWith(CONTENT_TYPE);
    }

    MockResponse apply(RecordedRequest request, String path, ResourcePath target) {
        JsonNode applied;
        try {
            applied = YAML.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return StoredObjects.status(400, "BadRequest", "the applied object is not YAML: " + e.getMessage());
        }
        if (applied == null || !applied.isObject()) {
            return StoredObjects.status(400, "BadRequest", "the applied object is not an object");
        }
        if (target.namespace() != null && store.read("/api/v1/namespaces/" + target.namespace()) == null) {
            ObjectNode details = StoredObjects.JSON.createObjectNode().put("name", target.namespace())
                    .put("kind", "namespaces");
            return StoredObjects.status(404, "NotFound", "namespaces \"" + target.namespace() + "\" not found",
                    details);
        }
        JsonNode stored = store.read(path);
        if (stored == null) {
            if (path.equals("/api/v1/namespaces/" + target.name())) {
                ((ObjectNode) applied).putObject("status").put("phase", "Active");
            }
            MockResponse created = store.write(HttpMethod.POST, path.substring(0, path.lastIndexOf('/')), applied);
            return created.code() == 200 ? created.setResponseCode(201) : created;
        }
        ObjectNode merged = stored.deepCopy();
        merge(merged, applied);
        if (stored.has("status")) {
            merged.set("status", stored.get("status"));
        }
        if (merged.equals(stored)) {
            return StoredObjects.json(200, stored.toString());
        }
        return store.write(HttpMethod.PUT, path, merged);
    }

    /** RFC 7386: {@code patch}'s maps merged into {@code target}, its other values replacing, nulls removing. */
    static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            JsonNode current = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}
