package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The simulated API server's own reads and writes of the CRUD mock's store, and the answers it builds. */
final class StoredObjects {

    static final ObjectMapper JSON = new ObjectMapper();
    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private final Dispatcher store;

    StoredObjects(Dispatcher store) {
        this.store = store;
    }

    Dispatcher store() {
        return store;
    }

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

    static RecordedRequest withBody(RecordedRequest request, JsonNode body) {
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
}
