package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's service proxy, {@code /api/v1/namespaces/{ns}/services/{name}[:port]/proxy/{path}} for any
 * method: the request (its query, body and the headers {@code Content-Type}, {@code Accept}, {@code X-API-KEY})
 * forwarded to one Ready pod matching the Service's selector, at the loopback port its process listens on, and
 * the pod's answer (status, body, content type) returned. With no Ready pod run as a process (none Ready, or the
 * pods simulated) it answers 503 {@code no endpoints available for service "<name>"}, as a real API server does.
 */
final class ServiceProxy {

    static final Pattern PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/services/([^/]+)/proxy(/.*)?$");
    private static final List<String> FORWARDED = List.of("Content-Type", "Accept", "X-API-KEY");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final Function<String, JsonNode> store;
    private final ProcessRuntime runtime;

    /** {@code store} reads a path of the API server's store (null when there is nothing there). */
    ServiceProxy(Function<String, JsonNode> store, ProcessRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
    }

    /** Where a proxied request goes: refused by the API server, or a request to a pod's process. */
    sealed interface Route permits Refused, Forward {
    }

    record Refused(MockResponse response) implements Route {
    }

    record Forward(HttpRequest request, int port) implements Route {
    }

    /** Forwards the request and answers the pod's answer (waits for it: not for an event loop). */
    MockResponse forward(RecordedRequest request, Matcher path, String rawQuery) {
        Route route = route(request, path, rawQuery);
        return route instanceof Forward f ? send(f) : ((Refused) route).response();
    }

    /** The pod to forward to and the request for it, or the API server's refusal (reads the store only). */
    Route route(RecordedRequest request, Matcher path, String rawQuery) {
        String namespace = path.group(1);
        String service = path.group(2);
        String[] parts = service.split(":");
        String name = parts.length == 3 ? parts[1] : parts[0];
        JsonNode object = store.apply("/api/v1/namespaces/" + namespace + "/services/" + name);
        if (object == null) {
            return new Refused(StoredObjects.status(404, "NotFound", "services \"" + name + "\" not found"));
        }
        List<Integer> ports = endpoints(namespace, object.path("spec").path("selector"));
        if (ports.isEmpty()) {
            return new Refused(StoredObjects.status(503, "ServiceUnavailable",
                    "no endpoints available for service \"" + name + "\""));
        }
        int port = ports.get(ThreadLocalRandom.current().nextInt(ports.size()));
        String target = "http://127.0.0.1:" + port + (path.group(3) == null ? "/" : path.group(3))
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(target)).timeout(TIMEOUT);
        for (String header : FORWARDED) {
            String value = request.getHeader(header);
            if (value != null) {
                forwarded.header(header, value);
            }
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        forwarded.method(request.getMethod().toUpperCase(java.util.Locale.ROOT), body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return new Forward(forwarded.build(), port);
    }

    /** The pod's answer to the forwarded request, or the API server's 503 when it cannot be reached. */
    MockResponse send(Forward forward) {
        int port = forward.port();
        try {
            HttpResponse<byte[]> answer = HTTP.send(forward.request(), HttpResponse.BodyHandlers.ofByteArray());
            MockResponse response = new MockResponse().setResponseCode(answer.statusCode()).setBody(answer.body());
            answer.headers().firstValue("Content-Type").ifPresent(v -> response.setHeader("Content-Type", v));
            return response;
        } catch (HttpTimeoutException e) {
            return StoredObjects.status(503, "ServiceUnavailable", "error trying to reach service: "
                    + "timeout awaiting response headers");
        } catch (IOException e) {
            return StoredObjects.status(503, "ServiceUnavailable", "error trying to reach service: dial tcp "
                    + "127.0.0.1:" + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StoredObjects.status(503, "ServiceUnavailable", "error trying to reach service: interrupted");
        }
    }

    /** The ports of the Ready pods run as processes that the selector matches. */
    private List<Integer> endpoints(String namespace, JsonNode selector) {
        List<Integer> ports = new ArrayList<>();
        if (!selector.isObject() || selector.isEmpty() || runtime == null) {
            return ports;
        }
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
            labels.append(labels.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
        }
        JsonNode pods = store.apply("/api/v1/namespaces/" + namespace + "/pods?labelSelector="
                + java.net.URLEncoder.encode(labels.toString(), java.nio.charset.StandardCharsets.UTF_8));
        if (pods == null) {
            return ports;
        }
        for (JsonNode pod : pods.path("items")) {
            boolean ready = false;
            for (JsonNode c : pod.path("status").path("conditions")) {
                ready |= "Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText());
            }
            if (ready && pod.path("metadata").path("deletionTimestamp").isMissingNode()) {
                runtime.port(namespace, pod.path("metadata").path("name").asText()).ifPresent(ports::add);
            }
        }
        return ports;
    }
}
