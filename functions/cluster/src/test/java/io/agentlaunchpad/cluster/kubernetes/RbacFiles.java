package io.agentlaunchpad.cluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The RBAC files of infra-cdk/k8s read as the API server's authorizer reads them, and the calls checked against them. */
final class RbacFiles {

    static final Path K8S = Path.of("../../infra-cdk/k8s").toAbsolutePath().normalize();

    private RbacFiles() {
    }

    /** One request on the wire as RBAC sees it; {@code created}: the server answered 201 (an apply that created). */
    record Call(String method, String namespace, String group, String resource, String name, boolean watch,
                boolean created) {

        Call(String method, String namespace, String group, String resource, String name, boolean watch) {
            this(method, namespace, group, resource, name, watch, false);
        }

        String verb() {
            return switch (method) {
                case "GET" -> watch ? "watch" : name == null ? "list" : "get";
                case "POST" -> "create";
                case "PATCH" -> "patch";
                case "PUT" -> "update";
                case "DELETE" -> name == null ? "deletecollection" : "delete";
                default -> method;
            };
        }

        /** What the API server authorises: an apply that creates the object is also checked for create. */
        List<String> verbs() {
            return created && method.equals("PATCH") ? List.of("patch", "create") : List.of(verb());
        }
    }

    /** Records every request a client sends, with whether it created something. */
    static Interceptor recorder(List<Call> calls) {
        return new Interceptor() {
            @Override
            public void after(HttpRequest request, HttpResponse<?> response,
                              AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                Call c = call(request.method(), request.uri().getPath(), request.uri().getQuery());
                calls.add(new Call(c.method(), c.namespace(), c.group(), c.resource(), c.name(), c.watch(),
                        response.code() == 201));
            }
        };
    }

    /** {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, namespaced or not, with a subresource or not. */
    static Call call(String method, String path, String query) {
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        }
        String namespace = null;
        if (parts.get(0).equals("namespaces") && parts.size() > 2) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0) + (parts.size() > 2 ? "/" + parts.get(2) : "");
        String name = parts.size() > 1 ? parts.get(1) : null;
        if (resource.equals("namespaces") && name != null) {
            namespace = null;
        }
        return new Call(method, namespace, group, resource, name, query != null && query.contains("watch=true"));
    }

    static List<JsonNode> documents(String file) throws IOException {
        try (var parser = new YAMLFactory().createParser(K8S.resolve(file).toFile())) {
            return new ObjectMapper().readValues(parser, JsonNode.class).readAll();
        }
    }

    static List<JsonNode> kind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode clusterRole(List<JsonNode> documents, String name) {
        return kind(documents, "ClusterRole").stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst().orElseThrow();
    }

    static boolean allows(JsonNode role, Call call) {
        return call.verbs().stream().allMatch(verb -> allows(role, call, verb));
    }

    static boolean allows(JsonNode role, Call call, String verb) {
        for (JsonNode rule : role.path("rules")) {
            if (contains(rule.path("apiGroups"), call.group()) && contains(rule.path("resources"), call.resource())
                    && contains(rule.path("verbs"), verb)
                    && (!rule.has("resourceNames") || contains(rule.path("resourceNames"), call.name()))) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
