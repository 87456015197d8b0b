package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated cluster's API server: the CRUD mock's store behind what a real API server adds and the platform
 * and {@code kubectl} need from it:
 * <ul>
 * <li>discovery ({@link ApiDiscovery}), {@code /version}, {@code /healthz}, {@code /livez}, {@code /readyz};</li>
 * <li>Tables for clients that ask for them ({@link ApiTables});</li>
 * <li>pod logs from the simulated kubelet ({@link SimulatedLogs});</li>
 * <li>{@code metrics.k8s.io/v1beta1} PodMetrics and NodeMetrics ({@link SimulatedMetrics}).</li>
 * </ul>
 * Everything else (create, read, replace, patch, delete, watch, expectations set on the mock) is the delegate's,
 * unless {@link InjectedErrors} answers the request first with an error.
 * Runs on the server's event loop: nothing here waits.
 */
final class SimulatedApiServer extends Dispatcher {

    private static final System.Logger LOG = System.getLogger(SimulatedApiServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final String METRICS = "metrics.k8s.io/v1beta1";
    static final java.time.Duration WATCH_WAIT = java.time.Duration.ofSeconds(2);

    private final Dispatcher store;
    private final Supplier<String> address;
    private final InjectedErrors errors;
    private final ProcessRuntime runtime;
    private final ServiceProxy proxy;

    /** What a request path names: {@code /api/v1/namespaces/ns/pods/name/log} and the like. */
    record Target(String groupVersion, String namespace, String plural, String name, String subresource) {
    }

    /** @param runtime the runtime of the pods run as processes; null when every pod is simulated */
    SimulatedApiServer(Dispatcher store, Supplier<String> address, InjectedErrors errors, ProcessRuntime runtime) {
        this.store = store;
        this.address = address;
        this.errors = errors;
        this.runtime = runtime;
        this.proxy = new ServiceProxy(this::read, runtime);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : full.substring(q + 1));
        MockResponse injected = errors.draw(request, path, query);
        if (injected != null) {
            return injected;
        }
        try {
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.contains("protobuf")) {
                return status(415, "UnsupportedMediaType", "the simulated cluster reads JSON, not " + contentType);
            }
            java.util.regex.Matcher proxied = ServiceProxy.PATH.matcher(path);
            if (proxied.matches()) {
                return proxy.forward(request, proxied, q < 0 ? null : full.substring(q + 1));
            }
            Optional<Target> scaled = target(path).filter(t -> "scale".equals(t.subresource())
                    && t.groupVersion().equals("apps/v1") && t.namespace() != null && t.name() != null);
            if (scaled.isPresent()) {
                return scale(request, scaled.get());
            }
            if ("POST".equalsIgnoreCase(request.getMethod()) && path.equals("/api/v1/namespaces")) {
                return withContentType(store.dispatch(activeNamespace(request)));
            }
            if ("PUT".equalsIgnoreCase(request.getMethod())) {
                Optional<Target> replaced = target(path).filter(t -> t.name() != null && t.subresource() == null);
                if (replaced.isPresent()) {
                    return withContentType(store.dispatch(keepingStatus(request, path)));
                }
            }
            if ("GET".equalsIgnoreCase(request.getMethod())) {
                Optional<JsonNode> document = ApiDiscovery.document(path, address.get());
                if (document.isPresent()) {
                    return json(200, document.get().toString());
                }
                if (List.of("/healthz", "/livez", "/readyz").contains(path)) {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                            .setBody("ok");
                }
                if (path.startsWith("/openapi/")) {
                    return status(404, "NotFound", "the simulated cluster serves no OpenAPI document");
                }
                Optional<Target> target = target(path);
                if (target.isPresent()) {
                    Target t = target.get();
                    if (t.groupVersion().equals(METRICS)) {
                        return metrics(t, query);
                    }
                    if (t.groupVersion().equals("v1") && t.plural().equals("pods") && "log".equals(t.subresource())) {
                        return logs(t, query);
                    }
                    boolean watch = "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
                    String accept = request.getHeader("Accept");
                    if (watch && request.getHeader("Upgrade") == null) {
                        return watchOverHttp(t, query, accept);
                    }
                    if (accept != null && accept.contains("as=Table") && t.subresource() == null && !watch) {
                        return table(t.name() == null ? listed(request, full, query) : store.dispatch(request), t);
                    }
                    if (t.name() == null && t.subresource() == null && !watch) {
                        return typedList(listed(request, full, query), t);
                    }
                }
            }
            return withContentType(store.dispatch(request));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "simulated API server: " + request.getMethod() + " " + full
                    + " failed", e);
            return status(500, "InternalError", "the simulated cluster failed: " + e);
        }
    }

    ServiceProxy proxy() {
        return proxy;
    }

    /** The resource a path names under {@code /api/v1} or {@code /apis/<group>/<version>}. */
    static Optional<Target> target(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String groupVersion;
        int from;
        if (parts.length >= 2 && parts[0].equals("api")) {
            groupVersion = parts[1];
            from = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            groupVersion = parts[1] + "/" + parts[2];
            from = 3;
        } else {
            return Optional.empty();
        }
        String[] rest = java.util.Arrays.copyOfRange(parts, from, parts.length);
        if (rest.length == 0 || rest[0].isEmpty()) {
            return Optional.empty();
        }
        if (rest[0].equals("namespaces") && rest.length >= 3 && !List.of("status", "finalize").contains(rest[2])) {
            return Optional.of(new Target(groupVersion, rest[1], rest[2], rest.length > 3 ? rest[3] : null,
                    rest.length > 4 ? rest[4] : null));
        }
        return Optional.of(new Target(groupVersion, null, rest[0], rest.length > 1 ? rest[1] : null,
                rest.length > 2 ? rest[2] : null));
    }

    /**
     * The store answers without a content type; a client that asked for protobuf first (kubectl's typed clients
     * do) then takes the JSON for protobuf. Its answers are JSON.
     */
    private static MockResponse withContentType(MockResponse response) {
        if (response != null && response.getWebSocketListener() == null && response.header("Content-Type") == null
                && response.getBody() != null && response.getBody().size() > 0) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    /** A new namespace is Active, as the API server makes it (the store keeps what it is given). */
    private static RecordedRequest activeNamespace(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (body == null || !body.isObject()) {
            return request;
        }
        ((ObjectNode) body).putObject("status").put("phase", "Active");
        return withBody(request, body);
    }

    private static RecordedRequest withBody(RecordedRequest request, JsonNode body) {
        Headers.Builder headers = Headers.builder();
        request.getHeaders().toMultimap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers.build(),
                new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A replace of an object keeps the status it has: a real API server takes the status only through the status
     * subresource, while the store would take the body's (none, from the deployer's replace). Without this every
     * re-apply of an unchanged Deployment would leave it without status, not rolled out, until the next tick.
     */
    private RecordedRequest keepingStatus(RecordedRequest request, String path) {
        JsonNode stored = read(path);
        if (stored == null || !stored.has("status")) {
            return request;
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (body == null || !body.isObject()) {
            return request;
        }
        ((ObjectNode) body).set("status", stored.get("status"));
        return withBody(request, body);
    }

    /**
     * The scale subresource ({@code autoscaling/v1 Scale}) of a Deployment, ReplicaSet or StatefulSet: read, or
     * written by PUT of a Scale or PATCH (merge or JSON patch) of its {@code spec.replicas}. The store would answer
     * the whole object, which kubectl cannot read as a Scale, and take a PUT Scale for the object itself.
     */
    private MockResponse scale(RecordedRequest request, Target target) {
        String objectPath = "/apis/apps/v1/namespaces/" + target.namespace() + "/" + target.plural() + "/"
                + target.name();
        JsonNode object = read(objectPath);
        if (object == null) {
            return status(404, "NotFound", target.plural() + ".apps \"" + target.name() + "\" not found");
        }
        String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
        if (method.equals("PUT") || method.equals("PATCH")) {
            JsonNode body = parse(request.getBody().getBytes());
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
                return status(422, "Invalid", "spec.replicas: Invalid value: " + replicas
                        + ": must be greater than or equal to 0");
            }
            ((ObjectNode) object.path("spec")).put("replicas", replicas.asInt());
            MockResponse written = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath,
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer(object.toString().getBytes(StandardCharsets.UTF_8))));
            if (written.code() >= 300) {
                return withContentType(written);
            }
            object = read(objectPath);
        } else if (!method.equals("GET")) {
            return status(405, "MethodNotAllowed", method + " is not supported on the scale subresource");
        }
        ObjectNode scale = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
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
        return json(200, scale.toString());
    }

    /**
     * The store names every list {@code v1 List}; a typed client (kubectl's describe, logs, top) decodes a pod list
     * only from a {@code v1 PodList}. The list's kind and version are set from the resource listed.
     */
    private static MockResponse typedList(MockResponse stored, Target target) {
        Optional<ApiDiscovery.Resource> resource = ApiDiscovery.resource(target.groupVersion(), target.plural());
        if (stored.code() != 200 || resource.isEmpty() || stored.getBody() == null) {
            return withContentType(stored);
        }
        String body = new String(stored.getBody().getBytes(), StandardCharsets.UTF_8);
        String prefix = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";
        String typed = "{\"apiVersion\":\"" + target.groupVersion() + "\",\"kind\":\"" + resource.get().kind()
                + "List\",";
        if (body.startsWith(prefix)) {
            body = typed + body.substring(prefix.length());
        } else {
            JsonNode list = parse(stored.getBody().getBytes());
            if (!list.isObject() || !list.has("items")) {
                return withContentType(stored);
            }
            ((ObjectNode) list).put("apiVersion", target.groupVersion()).put("kind", resource.get().kind() + "List");
            body = list.toString();
        }
        return json(200, body);
    }

    /**
     * A watch over plain HTTP (kubectl's and client-go's; fabric8 watches over a WebSocket, which the store
     * serves). The store cannot stream, so each watch answers at once the objects changed since its
     * {@code resourceVersion} (all of them, ADDED, without one) and ends; with none it ends after
     * {@link #WATCH_WAIT}, and the client watches again from where it was: a poll. Deletions are not seen. A
     * watch for a Table ({@code kubectl get -w}) is refused: it would end at once.
     */
    private MockResponse watchOverHttp(Target target, Map<String, String> query, String accept) {
        if (accept != null && accept.contains("as=Table")) {
            return status(405, "MethodNotAllowed", "the simulated cluster does not stream watches: run the command "
                    + "again without --watch");
        }
        StringBuilder list = new StringBuilder(target.groupVersion().equals("v1") ? "/api/v1" : "/apis/"
                + target.groupVersion());
        if (target.namespace() != null) {
            list.append("/namespaces/").append(target.namespace());
        }
        list.append('/').append(target.plural());
        if (query.containsKey("labelSelector")) {
            list.append("?labelSelector=").append(java.net.URLEncoder.encode(query.get("labelSelector"),
                    StandardCharsets.UTF_8));
        }
        Map<String, String> fields = new HashMap<>();
        for (String term : query.getOrDefault("fieldSelector", "").split(",")) {
            int eq = term.indexOf('=');
            if (eq > 0) {
                fields.put(term.substring(0, eq).replaceAll("=+$", ""), term.substring(eq + 1).replaceAll("^=", ""));
            }
        }
        if (target.name() != null) {
            fields.put("metadata.name", target.name());
        }
        long since;
        try {
            since = Long.parseLong(query.getOrDefault("resourceVersion", "0"));
        } catch (NumberFormatException e) {
            since = 0;
        }
        JsonNode items = Optional.ofNullable(read(list.toString())).map(l -> l.path("items"))
                .orElse(JSON.createArrayNode());
        StringBuilder events = new StringBuilder();
        for (JsonNode item : items) {
            JsonNode metadata = item.path("metadata");
            boolean matches = fields.entrySet().stream().allMatch(f -> switch (f.getKey()) {
                case "metadata.name" -> f.getValue().equals(metadata.path("name").asText());
                case "metadata.namespace" -> f.getValue().equals(metadata.path("namespace").asText());
                default -> true;
            });
            long version = metadata.path("resourceVersion").asLong(0);
            if (matches && (since == 0 || version > since)) {
                ObjectNode event = JSON.createObjectNode().put("type", since == 0 ? "ADDED" : "MODIFIED");
                event.set("object", item);
                events.append(event).append('\n');
            }
        }
        MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(events.toString());
        return events.isEmpty() ? response.setBodyDelay(WATCH_WAIT) : response;
    }

    /**
     * A list from the store, filtered by the request's field selector ({@code spec.nodeName=...},
     * {@code status.phase!=Succeeded}: {@code =}, {@code ==} and {@code !=} on any field path), which the store
     * does not read.
     */
    private MockResponse listed(RecordedRequest request, String full, Map<String, String> query) {
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
        JsonNode list = parse(stored.getBody().getBytes());
        com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        for (JsonNode item : list.path("items")) {
            if (fieldsMatch(item, selector)) {
                kept.add(item);
            }
        }
        if (list.isObject()) {
            ((ObjectNode) list).set("items", kept);
        }
        return json(200, list.toString());
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

    private MockResponse table(MockResponse stored, Target target) {
        Optional<ApiDiscovery.Resource> resource = ApiDiscovery.resource(target.groupVersion(), target.plural());
        if (stored.code() != 200 || resource.isEmpty()) {
            return withContentType(stored);
        }
        JsonNode body = parse(stored.getBody().getBytes());
        return json(200, ApiTables.table(resource.get().kind(), body, Instant.now()).toString());
    }

    private MockResponse logs(Target target, Map<String, String> query) {
        Pod pod = get("/api/v1/namespaces/" + target.namespace() + "/pods/" + target.name(), Pod.class);
        if (pod == null) {
            return status(404, "NotFound", "pods \"" + target.name() + "\" not found");
        }
        Instant now = Instant.now();
        Instant since = null;
        if (query.containsKey("sinceTime") && query.containsKey("sinceSeconds")) {
            return status(400, "BadRequest", "at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        try {
            if (query.containsKey("sinceTime")) {
                since = Instant.parse(query.get("sinceTime"));
            } else if (query.containsKey("sinceSeconds")) {
                long seconds = Long.parseLong(query.get("sinceSeconds"));
                if (seconds < 1) {
                    return status(400, "BadRequest", "sinceSeconds: Invalid value: " + seconds
                            + ": must be greater than 0");
                }
                since = now.minusSeconds(seconds);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return status(400, "BadRequest", "invalid since: " + e.getMessage());
        }
        Integer tail;
        Long limit;
        try {
            tail = query.containsKey("tailLines") ? Integer.valueOf(query.get("tailLines")) : null;
            limit = query.containsKey("limitBytes") ? Long.valueOf(query.get("limitBytes")) : null;
        } catch (NumberFormatException e) {
            return status(400, "BadRequest", "invalid tailLines or limitBytes: " + e.getMessage());
        }
        if (tail != null && tail < 0) {
            return status(400, "BadRequest", "tailLines: Invalid value: " + tail + ": must be greater than or "
                    + "equal to 0");
        }
        try {
            SimulatedLogs.Request asked = new SimulatedLogs.Request(query.get("container"),
                    "true".equals(query.get("previous")), "true".equals(query.get("timestamps")), since, tail, limit);
            String log = runtime != null && runtime.runs(pod) ? ProcessLogs.read(pod, asked, runtime)
                    : SimulatedLogs.read(pod, asked, now);
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(log);
        } catch (SimulatedLogs.Refused e) {
            return status(400, "BadRequest", e.getMessage());
        }
    }

    private MockResponse metrics(Target target, Map<String, String> query) {
        Instant now = Instant.now();
        String selector = query.get("labelSelector");
        String selectorQuery = selector == null ? "" : "?labelSelector="
                + java.net.URLEncoder.encode(selector, StandardCharsets.UTF_8);
        if (target.plural().equals("pods")) {
            if (target.name() != null) {
                Pod pod = get("/api/v1/namespaces/" + target.namespace() + "/pods/" + target.name(), Pod.class);
                Optional<PodMetrics> measured = pod == null ? Optional.empty() : podMetrics(pod, now);
                if (measured.isEmpty()) {
                    return status(404, "NotFound", "podmetrics.metrics.k8s.io \"" + target.namespace() + "/"
                            + target.name() + "\" not found");
                }
                return json(200, KUBE.asJson(measured.get()));
            }
            String pods = target.namespace() == null ? "/api/v1/pods" : "/api/v1/namespaces/" + target.namespace()
                    + "/pods";
            List<PodMetrics> items = list(pods + selectorQuery, Pod.class).stream()
                    .map(p -> podMetrics(p, now)).flatMap(Optional::stream).toList();
            PodMetricsList answer = new PodMetricsList();
            answer.setMetadata(new ListMeta());
            answer.setItems(items);
            return json(200, KUBE.asJson(answer));
        }
        if (target.plural().equals("nodes") && target.namespace() == null) {
            List<Pod> pods = list("/api/v1/pods", Pod.class);
            if (target.name() != null) {
                Node node = get("/api/v1/nodes/" + target.name(), Node.class);
                if (node == null) {
                    return status(404, "NotFound", "nodemetrics.metrics.k8s.io \"" + target.name()
                            + "\" not found");
                }
                return json(200, KUBE.asJson(nodeMetrics(node, pods, now)));
            }
            NodeMetricsList answer = new NodeMetricsList();
            answer.setMetadata(new ListMeta());
            answer.setItems(list("/api/v1/nodes" + selectorQuery, Node.class).stream()
                    .map(n -> nodeMetrics(n, pods, now)).toList());
            return json(200, KUBE.asJson(answer));
        }
        return status(404, "NotFound", "the server could not find the requested resource");
    }

    /** A process's real usage; a simulated pod's simulated usage; nothing for a pod metrics-server would skip. */
    private Optional<PodMetrics> podMetrics(Pod pod, Instant now) {
        if (runtime != null && runtime.runs(pod)) {
            return runtime.metrics(pod, now);
        }
        return SimulatedMetrics.measured(pod) ? Optional.of(SimulatedMetrics.pod(pod, now)) : Optional.empty();
    }

    private NodeMetrics nodeMetrics(Node node, List<Pod> pods, Instant now) {
        String name = node.getMetadata().getName();
        return SimulatedMetrics.node(name, node.getMetadata().getLabels(), pods.stream()
                .filter(p -> p.getSpec() != null && Objects.equals(name, p.getSpec().getNodeName())).toList(), now,
                p -> podMetrics(p, now));
    }

    /** A read of one object in the store; null when the store has none there. */
    private <T> T get(String path, Class<T> type) {
        JsonNode body = read(path);
        return body == null ? null : KUBE.convertValue(body, type);
    }

    /** A read of a list in the store, its items as the type given. */
    private <T> List<T> list(String path, Class<T> type) {
        JsonNode body = read(path);
        List<T> items = new ArrayList<>();
        if (body != null) {
            body.path("items").forEach(item -> items.add(KUBE.convertValue(item, type)));
        }
        return items;
    }

    private JsonNode read(String path) {
        MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                Headers.builder().add("Accept", "application/json").build(), new Buffer()));
        return response.code() == 200 ? parse(response.getBody().getBytes()) : null;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the store answered no JSON", e);
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
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
