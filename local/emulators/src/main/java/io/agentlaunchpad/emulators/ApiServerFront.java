package io.agentlaunchpad.emulators;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * The API server's listener when pods run as processes: every request answered by the same dispatcher as the mock
 * server's own listener (through the mock's own request handler, WebSocket watches included), except the service
 * proxy's, whose wait for the pod happens on a thread of its own. The mock server calls its dispatcher on its one
 * event loop: a message to an agent that takes seconds to answer would hold every other API request that long.
 */
record ApiServerFront(Vertx vertx, HttpServer server, ExecutorService proxyThreads) implements AutoCloseable {

    private static final List<String> WEBSOCKET_PROTOCOLS = List.of("v1.channel.k8s.io", "v2.channel.k8s.io",
            "v3.channel.k8s.io", "v4.channel.k8s.io");

    static ApiServerFront start(Dispatcher dispatcher, ServiceProxy proxy) {
        Vertx vertx = Vertx.vertx();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "service-proxy");
            t.setDaemon(true);
            return t;
        });
        HttpServerRequestHandler store = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(InetAddress.getLoopbackAddress().getHostAddress()).setPort(0)
                .setWebSocketSubProtocols(WEBSOCKET_PROTOCOLS).setHandle100ContinueAutomatically(true));
        server.requestHandler(request -> {
            Matcher path = ServiceProxy.PATH.matcher(request.path());
            if (path.matches()) {
                proxied(request, path, proxy, threads);
            } else {
                store.handle(request);
            }
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            threads.shutdownNow();
            throw new IllegalStateException("the API server's listener did not start: " + e, e);
        }
        return new ApiServerFront(vertx, server, threads);
    }

    int port() {
        return server.actualPort();
    }

    private static void proxied(HttpServerRequest request, Matcher path, ServiceProxy proxy, ExecutorService threads) {
        Context context = Vertx.currentContext();
        request.body().onFailure(e -> request.response().setStatusCode(400).end()).onSuccess(body -> {
            RecordedRequest recorded = new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT),
                    HttpMethod.fromVertx(request.method()), request.uri(),
                    Headers.builder().addAll(request.headers()).build(),
                    new Buffer(body == null ? new byte[0] : body.getBytes()));
            ServiceProxy.Route route = proxy.route(recorded, path, request.query());
            if (route instanceof ServiceProxy.Refused refused) {
                answer(request, refused.response());
                return;
            }
            threads.execute(() -> {
                MockResponse answer = proxy.send((ServiceProxy.Forward) route);
                context.runOnContext(v -> answer(request, answer));
            });
        });
    }

    private static void answer(HttpServerRequest request, MockResponse answer) {
        var response = request.response().setStatusCode(answer.code());
        answer.getHeaders().toMultimap().forEach((name, values) -> values.forEach(v -> response.putHeader(name, v)));
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes();
        response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    @Override
    public void close() {
        proxyThreads.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
