package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors the simulated API server answers instead of serving a request, as a real one answers them: 409 to a write
 * that lost a race, 429 when priority and fairness sheds load, 500 when it fails inside. Only requests that carry
 * {@link SimulatedCluster#CLIENT_HEADER} are drawn (the simulated kubelet's and kubectl's never are), and never a
 * watch.
 */
final class InjectedErrors {

    static final Set<Integer> STATUSES = Set.of(409, 429, 500);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Rate(double fraction, List<Integer> statuses) {
    }

    private volatile Rate rate = new Rate(0, List.of());
    private final Map<Integer, LongAdder> injected = Map.of(409, new LongAdder(), 429, new LongAdder(),
            500, new LongAdder());

    /**
     * From now on that fraction of the marked requests is answered with one of {@code statuses}, drawn evenly from
     * those the request can get (409 only for a write); 0 stops it.
     */
    void set(double fraction, Set<Integer> statuses) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, was " + fraction);
        }
        if (!STATUSES.containsAll(statuses)) {
            throw new IllegalArgumentException("statuses must be among " + new java.util.TreeSet<>(STATUSES)
                    + ", were " + statuses);
        }
        if (fraction > 0 && statuses.isEmpty()) {
            throw new IllegalArgumentException("a fraction above 0 needs at least one status");
        }
        rate = new Rate(fraction, statuses.stream().sorted().toList());
    }

    /** The error to answer instead, or null to serve the request. */
    MockResponse draw(RecordedRequest request, String path, Map<String, String> query) {
        Rate current = rate;
        if (current.fraction() == 0 || request.getHeader(SimulatedCluster.CLIENT_HEADER) == null
                || request.getHeader("Upgrade") != null
                || "true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
            return null;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        boolean write = WRITES.contains(method);
        List<Integer> possible = current.statuses().stream().filter(s -> s != 409 || write).toList();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (possible.isEmpty() || random.nextDouble() >= current.fraction()) {
            return null;
        }
        int status = possible.get(random.nextInt(possible.size()));
        injected.get(status).increment();
        return answer(status, method, path, request);
    }

    /** How many of each status were answered so far. */
    Map<Integer, Long> counts() {
        Map<Integer, Long> counts = new TreeMap<>();
        injected.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    private static MockResponse answer(int status, String method, String path, RecordedRequest request) {
        String object = objectName(method, path, request);
        return switch (status) {
            case 409 -> method.equals("POST")
                    ? StoredObjects.status(409, "AlreadyExists", object + " already exists")
                    : StoredObjects.status(409, "Conflict", "Operation cannot be fulfilled on " + object
                    + ": the object has been modified; please apply your changes to the latest version and try again");
            case 429 -> StoredObjects.status(429, "TooManyRequests", "Too many requests, please try again later.",
                    JSON.createObjectNode().put("retryAfterSeconds", 1)).setHeader("Retry-After", "1");
            default -> StoredObjects.status(500, "InternalError",
                    "Internal error occurred: injected by the simulated cluster");
        };
    }

    /** As the API server names an object in its messages: {@code deployments.apps "name"}. */
    private static String objectName(String method, String path, RecordedRequest request) {
        return ResourcePath.of(path).map(t -> {
            String group = t.groupVersion().contains("/")
                    ? "." + t.groupVersion().substring(0, t.groupVersion().indexOf('/')) : "";
            String name = t.name();
            if (name == null && method.equals("POST")) {
                try {
                    name = JSON.readTree(request.getBody().getBytes()).path("metadata").path("name").asText(null);
                } catch (IOException e) {
                    name = null;
                }
            }
            return t.plural() + group + (name == null ? "" : " \"" + name + "\"");
        }).orElse(path);
    }
}
