package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The simulated API server's own reads and writes of the CRUD mock's store, and the answers it builds. */
record StoredObjects(Dispatcher store) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    /** One object or list in the store; null when the store has none there. */
    JsonNode read(String path) {
        MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                Headers.builder().add("Accept", "application/json").build(), new Buffer()));
        return response.code() == 200 ? parse(response.getBody().getBytes()) : null;
    }

    /** A read of one object in the store as the type given; null when the store has none there. */
    <T> T get(String path, Class<T> type) {
        JsonNode body = read(path);
        return body == null ? null : KUBE.convertValue(body, type);
    }

    /** The pod {@code namespace/name} in the store; null when there is none. */
    Pod pod(String namespace, String name) {
        return get("/api/v1/namespaces/" + namespace + "/pods/" + name, Pod.class);
    }

    /** A read of a list in the store, its items as the type given. */
    <T> List<T> list(String path, Class<T> type) {
        JsonNode body = read(path);
        List<T> items = new ArrayList<>();
        if (body != null) {
            body.path("items").forEach(item -> items.add(KUBE.convertValue(item, type)));
        }
        return items;
    }

    /** A create (POST to the collection) or replace (PUT to the object) of {@code body}. */
    MockResponse write(HttpMethod method, String path, JsonNode body) {
        return store.dispatch(new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** The request with its JSON object body changed by {@code edit}; as it is when its body is no JSON object. */
    static RecordedRequest withBodyEdited(RecordedRequest request, Consumer<ObjectNode> edit) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (body == null || !body.isObject()) {
            return request;
        }
        edit.accept((ObjectNode) body);
        Headers.Builder headers = Headers.builder();
        request.getHeaders().toMultimap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers.build(),
                new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the store answered no JSON", e);
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /**
     * The store answers without a content type; a client that asked for protobuf first (kubectl's typed clients
     * do) then takes the JSON for protobuf. Its answers are JSON.
     */
    static MockResponse withContentType(MockResponse response) {
        if (response != null && response.getWebSocketListener() == null && response.header("Content-Type") == null
                && response.getBody() != null && response.getBody().size() > 0) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    /** A {@code Status} as the API server answers a refused request. */
    static MockResponse status(int code, String reason, String message) {
        return status(code, reason, message, null);
    }

    static MockResponse status(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return json(code, status.toString());
    }
}
