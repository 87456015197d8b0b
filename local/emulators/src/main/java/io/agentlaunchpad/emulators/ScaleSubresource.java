package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;

/**
 * The scale subresource ({@code autoscaling/v1 Scale}) of a Deployment, ReplicaSet or StatefulSet: read, or
 * written by PUT of a Scale or PATCH (merge or JSON patch) of its {@code spec.replicas}. The store would answer
 * the whole object, which kubectl cannot read as a Scale, and take a PUT Scale for the object itself.
 */
final class ScaleSubresource {

    private final StoredObjects store;

    ScaleSubresource(StoredObjects store) {
        this.store = store;
    }

    MockResponse answer(RecordedRequest request, ResourcePath target) {
        String objectPath = "/apis/apps/v1/namespaces/" + target.namespace() + "/" + target.plural() + "/"
                + target.name();
        JsonNode object = store.read(objectPath);
        if (object == null) {
            return StoredObjects.status(404, "NotFound", target.plural() + ".apps \"" + target.name() + "\" not found");
        }
        String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
        if (method.equals("PUT") || method.equals("PATCH")) {
            JsonNode body = StoredObjects.parse(request.getBody().getBytes());
            JsonNode replicas = null;
            if (body.isArray()) {
                for (JsonNode op : body) {
                    if (op.path("path").asText().equals("/spec/replicas")) {
                        replicas = op.get("value");
                    }
                }
            } else {
                replicas = body.path("spec").get("replicas");
            }
            if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
                return StoredObjects.status(422, "Invalid", "spec.replicas: Invalid value: " + replicas
                        + ": must be greater than or equal to 0");
            }
            ((ObjectNode) object.path("spec")).put("replicas", replicas.asInt());
            MockResponse written = store.write(HttpMethod.PUT, objectPath, object);
            if (written.code() >= 300) {
                return StoredObjects.withContentType(written);
            }
            object = store.read(objectPath);
        } else if (!method.equals("GET")) {
            return StoredObjects.status(405, "MethodNotAllowed", method + " is not supported on the scale subresource");
        }
        ObjectNode scale = StoredObjects.JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode scaleStatus = scale.putObject("status").put("replicas",
                object.path("status").path("replicas").asInt(0));
        StringBuilder selector = new StringBuilder();
        object.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                selector.append(selector.isEmpty() ? "" : ",").append(e.getKey()).append('=')
                        .append(e.getValue().asText()));
        scaleStatus.put("selector", selector.toString());
        return StoredObjects.json(200, scale.toString());
    }
}
