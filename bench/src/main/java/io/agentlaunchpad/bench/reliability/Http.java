package io.agentlaunchpad.bench.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Sends probes to the platform on loopback: java.net.http for all it can express, a plain socket for the rest. */
public final class Http {

    /** What came back: a status and body, or {@code failure} when no HTTP answer arrived at all. */
    public record Answer(int status, String body, Map<String, String> headers, String failure) {
        public boolean answered() {
            return failure == null;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String baseUrl;
    private final Map<String, String> credentials;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public Http(String baseUrl, Map<String, String> credentials) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
    }

    public Answer send(Probe probe) {
        try {
            if (probe.raw()) {
                return sendRaw(probe);
            }
            try {
                return sendClient(probe);
            } catch (IllegalArgumentException refused) {
                // java.net.http will not send it (a header value outside ASCII, say): the socket will
                return sendRaw(probe);
            }
        } catch (IOException e) {
            return new Answer(0, "", Map.of(), "no answer: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", Map.of(), "interrupted");
        }
    }

    private String resolve(String value) {
        String out = value;
        for (Map.Entry<String, String> c : credentials.entrySet()) {
            out = out.replace(c.getKey(), c.getValue());
        }
        return out;
    }

    private Answer sendClient(Probe probe) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + resolve(probe.rawTarget())))
                .timeout(Duration.ofSeconds(60))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        for (Map.Entry<String, String> h : probe.headers()) {
            request.header(h.getKey(), resolve(h.getValue()));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return new Answer(response.statusCode(), response.body(), headers, null);
    }

    /** HTTP/1.1 by hand, one request per connection, for request targets no URI class accepts. */
    private Answer sendRaw(Probe probe) throws IOException {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder();
            head.append(probe.method()).append(' ').append(resolve(probe.rawTarget())).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            head.append("Connection: close\r\n");
            for (Map.Entry<String, String> h : probe.headers()) {
                head.append(h.getKey()).append(": ").append(resolve(h.getValue())).append("\r\n");
            }
            byte[] body = probe.body() == null ? new byte[0] : probe.body();
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Answer(0, "", Map.of(), "no answer: the connection closed without an HTTP response");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        // The gateway always answers with a Content-Length (never chunked), and closes: the rest is the body.
        return new Answer(status, text.substring(end + 4), headers, null);
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved set: any string becomes one legal path segment. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
