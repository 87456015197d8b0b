package io.agentlaunchpad.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API for one execution environment and one invocation: the first
 * {@code GET /2018-06-01/runtime/invocation/next} gets the event, later ones wait (as a frozen environment would)
 * until {@link #close}. Records, in {@link System#nanoTime()}, when the runtime first asked for an event (its init
 * is over) and when the response or error arrived.
 */
final class RuntimeApiEmulator implements AutoCloseable {

    private static final String API = "/2018-06-01/runtime";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final byte[] event;
    private final String requestId = UUID.randomUUID().toString();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final String functionArn;

    private volatile long firstNextNanos;
    private volatile long answeredNanos;
    private volatile String outcome;
    private volatile byte[] body;
    private boolean handedOut;

    RuntimeApiEmulator(byte[] event, String functionName) throws IOException {
        this.event = event;
        this.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext(API + "/invocation/next", this::next);
        server.createContext(API + "/invocation/", this::result);
        server.createContext(API + "/init/error", exchange -> record(exchange, "init error"));
        server.start();
    }

    /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void next(HttpExchange exchange) throws IOException {
        boolean first;
        synchronized (this) {
            first = !handedOut;
            handedOut = true;
        }
        if (!first) {
            // The environment is frozen after its one invocation: the runtime's next poll waits for the end.
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        firstNextNanos = System.nanoTime();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 30_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event);
        }
    }

    private void result(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/response")) {
            record(exchange, "response");
        } else if (path.endsWith("/error")) {
            record(exchange, "error");
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        }
    }

    private void record(HttpExchange exchange, String what) throws IOException {
        long at = System.nanoTime();
        byte[] received;
        try (InputStream in = exchange.getRequestBody()) {
            received = in.readAllBytes();
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
        if (answered.getCount() > 0) {
            answeredNanos = at;
            body = received;
            outcome = what;
            answered.countDown();
        }
    }

    /** Waits for the response, an error or an init error; false on timeout. */
    boolean awaitAnswer(long timeout, TimeUnit unit) throws InterruptedException {
        return answered.await(timeout, unit);
    }

    long firstNextNanos() {
        return firstNextNanos;
    }

    long answeredNanos() {
        return answeredNanos;
    }

    /** {@code response}, {@code error} or {@code init error}. */
    String outcome() {
        return outcome;
    }

    String body() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
