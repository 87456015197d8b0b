package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated cluster's API server: the CRUD mock's store behind what a real API server adds and the platform
 * and {@code kubectl} need from it:
 * <ul>
 * <li>discovery ({@link ApiDiscovery}), {@code /version}, {@code /healthz}, {@code /livez}, {@code /readyz};</li>
 * <li>server-side apply in one request ({@link ServerSideApply}) and the scale subresource
 * ({@link ScaleSubresource});</li>
 * <li>watches over plain HTTP ({@link HttpWatch});</li>
 * <li>Tables for clients that ask for them ({@link ApiTables});</li>
 * <li>pod logs ({@link PodLogsEndpoint});</li>
 * <li>{@code metrics.k8s.io/v1beta1} PodMetrics and NodeMetrics ({@link ResourceMetricsEndpoint}).</li>
 * </ul>
 * Everything else (create, read, replace, patch, delete, watch, expectations set on the mock) is the delegate's,
 * unless {@link InjectedErrors} answers the request first with an error.
 * Runs on the server's event loop: nothing here waits.
 */
final class SimulatedApiServer extends Dispatcher {

    private static final System.Logger LOG = System.getLogger(SimulatedApiServer.class.getName());
    private static final String METRICS = "metrics.k8s.io/v1beta1";
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final Dispatcher store;
    private final StoredObjects objects;
    private final ServerSideApply apply;
    private final ScaleSubresource scale;
    private final HttpWatch watches;
    private final PodLogsEndpoint logs;
    private final ResourceMetricsEndpoint metrics;
    private final Supplier<String> address;
    private final InjectedErrors errors;
    private final ProcessRuntime runtime;
    private final ServiceProxy proxy;
    private final ChangeFeed changes;
    private final java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();

    /** What a request path names: {@code /api/v1/namespaces/ns/pods/name/log} and the like. */
    record Target(String groupVersion, String namespace, String plural, String name, String subresource) {
    }

    /**
     * @param runtime the runtime of the pods run as processes; null when every pod is simulated
     * @param changes told of every write to a Deployment or its pods
     */
    SimulatedApiServer(Dispatcher store, Supplier<String> address, InjectedErrors errors, ProcessRuntime runtime,
                       ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
        this.address = address;
        this.errors = errors;
        this.runtime = runtime;
        this.objects = new StoredObjects(store);
        this.apply = new ServerSideApply(objects);
        this.scale = new ScaleSubresource(objects);
        this.watches = new HttpWatch(objects);
        this.logs = new PodLogsEndpoint(objects, runtime);
        this.metrics = new ResourceMetricsEndpoint(objects, runtime);
        this.proxy = new ServiceProxy(objects::read, runtime);
    }

    /** CPU time spent answering requests (so a bench can tell the simulator's cost from its clients'). */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long started = THREADS.getCurrentThreadCpuTime();
        try {
            return answerAndNotice(request);
        } finally {
            cpuNanos.add(THREADS.getCurrentThreadCpuTime() - started);
        }
    }

    private MockResponse answerAndNotice(RecordedRequest request) {
        MockResponse response = answer(request);
        if (changes != null && response != null && response.code() < 300 && !"GET".equalsIgnoreCase(request.getMethod())
                && request.getHeader(ChangeFeed.KUBELET_HEADER) == null) {
            String full = request.getPath();
            int q = full.indexOf('?');
            target(q < 0 ? full : full.substring(0, q)).ifPresent(t -> {
                String deployment = ChangeFeed.deploymentOf(t);
                if (deployment != null) {
                    changes.changed(t.namespace(), deployment);
                }
            });
        }
        return response;
    }

    private MockResponse answer(RecordedRequest request) {
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
                return scale.answer(request, scaled.get());
            }
            if (ServerSideApply.isApply(request)) {
                Optional<Target> applied = target(path).filter(t -> t.name() != null && t.subresource() == null);
                if (applied.isPresent()) {
                    return withContentType(apply.apply(request, path, applied.get()));
                }
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
                    return StoredObjects.json(200, document.get().toString());
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
                        return metrics.answer(t, query);
                    }
                    if (t.groupVersion().equals("v1") && t.plural().equals("pods") && "log".equals(t.subresource())) {
                        return logs.answer(t, query);
                    }
                    boolean watch = "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
                    String accept = request.getHeader("Accept");
                    if (watch && request.getHeader("Upgrade") == null) {
                        return watches.answer(t, query, accept);
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
    static MockResponse withContentType(MockResponse response) {
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
            body = StoredObjects.JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (body == null || !body.isObject()) {
            return request;
        }
        ((ObjectNode) body).putObject("status").put("phase", "Active");
        return StoredObjects.withBody(request, body);
    }

    /**
     * A replace of an object keeps the status it has: a real API server takes the status only through the status
     * subresource, while the store would take the body's (none, from the deployer's replace). Without this every
     * re-apply of an unchanged Deployment would leave it without status, not rolled out, until the next tick.
     */
    private RecordedRequest keepingStatus(RecordedRequest request, String path) {
        JsonNode stored = objects.read(path);
        if (stored == null || !stored.has("status")) {
            return request;
        }
        JsonNode body;
        try {
            body = StoredObjects.JSON.readTree(request.getBody().getBytes());
        } catch (IOException e) {
            return request;
        }
        if (body == null || !body.isObject()) {
            return request;
        }
        ((ObjectNode) body).set("status", stored.get("status"));
        return StoredObjects.withBody(request, body);
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
            JsonNode list = StoredObjects.parse(stored.getBody().getBytes());
            if (!list.isObject() || !list.has("items")) {
                return withContentType(stored);
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
        JsonNode list = StoredObjects.parse(stored.getBody().getBytes());
        com.fasterxml.jackson.databind.node.ArrayNode kept = StoredObjects.JSON.createArrayNode();
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

    private MockResponse table(MockResponse stored, Target target) {
        Optional<ApiDiscovery.Resource> resource = ApiDiscovery.resource(target.groupVersion(), target.plural());
        if (stored.code() != 200 || resource.isEmpty()) {
            return withContentType(stored);
        }
        JsonNode body = StoredObjects.parse(stored.getBody().getBytes());
        return StoredObjects.json(200, ApiTables.table(resource.get().kind(), body, Instant.now()).toString());
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

    /** A {@code Status} as the API server answers a refused request. */
    static MockResponse status(int code, String reason, String message) {
        return status(code, reason, message, null);
    }

    static MockResponse status(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = StoredObjects.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return StoredObjects.json(code, status.toString());
    }
}
