package io.agentlaunchpad.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A small HTTP server answering like the API: a test queues answers, then reads what the SDK sent. */
final class Peer implements AutoCloseable {

    record Seen(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
                long atMillis) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Answer(int status, Map<String, String> headers, String body, long hangMillis) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of(), body, 0);
        }

        static Answer error(int status, String code, Map<String, String> headers) {
            return new Answer(status, headers, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + code
                    + " happened\",\"timestamp\":\"2024-01-15T13:45:00Z\"}}", 0);
        }

        static Answer hang(long millis) {
            return new Answer(200, Map.of(), "{}", millis);
        }
    }

    final List<Seen> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Function<Seen, Answer>> answers = new ConcurrentLinkedQueue<>();
    private volatile Function<Seen, Answer> fallback = seen -> Answer.error(500, "INTERNAL_ERROR", Map.of());
    private final AtomicInteger seq = new AtomicInteger();
    private final HttpServer server;

    Peer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(Answer... queued) {
        for (Answer a : queued) {
            answers.add(seen -> a);
        }
    }

    void always(Answer answer) {
        fallback = seen -> answer;
    }

    private void serve(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Seen seen = new Seen(ex.getRequestMethod(), uri.getRawPath(), query, headers, body, System.currentTimeMillis());
        requests.add(seen);
        Function<Seen, Answer> next = answers.poll();
        Answer answer = (next != null ? next : fallback).apply(seen);
        if (answer.hangMillis() > 0) {
            try {
                Thread.sleep(answer.hangMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("X-Request-Id", "req-" + seq.incrementAndGet());
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        try {
            ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            ex.getResponseBody().write(out);
        } catch (IOException clientGone) {
            // the SDK timed out or was cancelled: nothing to answer
        } finally {
            ex.close();
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
