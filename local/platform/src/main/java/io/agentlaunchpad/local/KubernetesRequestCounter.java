package io.agentlaunchpad.local;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the platform's calls to the Kubernetes API by method, so a benchmark can set them against the minimum. */
public final class KubernetesRequestCounter implements Interceptor {

    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        byMethod.computeIfAbsent(request.method(), m -> new LongAdder()).increment();
    }

    /** Calls so far, by HTTP method. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byMethod.forEach((method, count) -> counts.put(method, count.sum()));
        return counts;
    }

    public long total() {
        return byMethod.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
