package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated cluster's API server: the CRUD mock's store, indexed ({@link IndexedStore}), behind what a real
 * API server adds and the platform and {@code kubectl} need from it:
 * <ul>
 * <li>discovery ({@link ApiDiscovery}), {@code /version}, {@code /healthz}, {@code /livez}, {@code /readyz};</li>
 * <li>server-side apply in one request ({@link ServerSideApply}) and the scale subresource
 * ({@link ScaleSubresource});</li>
 * <li>watches over plain HTTP ({@link HttpWatch});</li>
 * <li>typed lists, field selectors, and Tables for clients that ask for them ({@link StoreLists});</li>
 * <li>pod logs ({@link PodLogsEndpoint});</li>
 * <li>{@code metrics.k8s.io/v1beta1} PodMetrics and NodeMetrics ({@link ResourceMetricsEndpoint}).</li>
 * </ul>
 * Everything else (create, read, replace, patch, delete, WebSocket watches) is the store's,
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
    private final StoreLists lists;
    private final java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();


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
        this.lists = new StoreLists(store);
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
            ResourcePath.of(q < 0 ? full : full.substring(0, q)).ifPresent(t -> {
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
        Map<String, String> query = ResourcePath.query(q < 0 ? "" : full.substring(q + 1));
        MockResponse injected = errors.draw(request, path, query);
        if (injected != null) {
            return injected;
        }
        try {
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.contains("protobuf")) {
                return StoredObjects.status(415, "UnsupportedMediaType", "the simulated cluster reads JSON, not "
                        + contentType);
            }
            java.util.regex.Matcher proxied = ServiceProxy.PATH.matcher(path);
            if (proxied.matches()) {
                return proxy.forward(request, proxied, q < 0 ? null : full.substring(q + 1));
            }
            Optional<ResourcePath> scaled = ResourcePath.of(path).filter(t -> "scale".equals(t.subresource())
                    && t.groupVersion().equals("apps/v1") && t.namespace() != null && t.name() != null);
            if (scaled.isPresent()) {
                return scale.answer(request, scaled.get());
            }
            if (ServerSideApply.isApply(request)) {
                Optional<ResourcePath> applied = ResourcePath.of(path)
                        .filter(t -> t.name() != null && t.subresource() == null);
                if (applied.isPresent()) {
                    return StoredObjects.withContentType(apply.apply(request, path, applied.get()));
                }
            }
            if ("POST".equalsIgnoreCase(request.getMethod()) && path.equals("/api/v1/namespaces")) {
                return StoredObjects.withContentType(store.dispatch(activeNamespace(request)));
            }
            if ("PUT".equalsIgnoreCase(request.getMethod())) {
                Optional<ResourcePath> replaced = ResourcePath.of(path)
                        .filter(t -> t.name() != null && t.subresource() == null);
                if (replaced.isPresent()) {
                    return StoredObjects.withContentType(store.dispatch(keepingStatus(request, path)));
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
                    return StoredObjects.status(404, "NotFound", "the simulated cluster serves no OpenAPI document");
                }
                Optional<ResourcePath> target = ResourcePath.of(path);
                if (target.isPresent()) {
                    ResourcePath t = target.get();
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
                        return StoreLists.table(t.name() == null ? lists.listed(request, full, query)
                                : store.dispatch(request), t);
                    }
                    if (t.name() == null && t.subresource() == null && !watch) {
                        return StoreLists.typedList(lists.listed(request, full, query), t);
                    }
                }
            }
            return StoredObjects.withContentType(store.dispatch(request));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "simulated API server: " + request.getMethod() + " " + full
                    + " failed", e);
            return StoredObjects.status(500, "InternalError", "the simulated cluster failed: " + e);
        }
    }

    ServiceProxy proxy() {
        return proxy;
    }

    /** A new namespace is Active, as the API server makes it (the store keeps what it is given). */
    private static RecordedRequest activeNamespace(RecordedRequest request) {
        return StoredObjects.withBodyEdited(request, body -> body.putObject("status").put("phase", "Active"));
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
        return StoredObjects.withBodyEdited(request, body -> body.set("status", stored.get("status")));
    }
}
