package io.agentlaunchpad.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HTTP exchange with retries. A call is retried on 429, 5xx and no answer only when repeating it is harmless:
 * GET, PUT, DELETE, or a POST carrying an Idempotency-Key (the API replays the first answer).
 */
final class Transport {

    static final String VERSION = "1.0.0";
    private static final Set<String> RETRYABLE_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE");

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final String accessToken;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration retryBaseDelay;
    private final Duration maxRetryDelay;

    Transport(AgentLaunchpadClient.Builder b) {
        if (b.baseUrl == null || b.baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl is required, e.g. http://localhost:8080");
        }
        this.http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.baseUrl = b.baseUrl.replaceAll("/+$", "");
        this.apiKey = b.apiKey;
        this.accessToken = b.accessToken;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.retryBaseDelay = b.retryBaseDelay;
        this.maxRetryDelay = b.maxRetryDelay;
    }

    ApiObject request(String method, String path, Map<String, ?> query, Object body, RequestOptions options,
                      boolean idempotent) {
        RequestOptions o = options == null ? RequestOptions.NONE : options;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "agent-launchpad-sdk-java/" + VERSION);
        if (apiKey != null) {
            headers.put("X-API-Key", apiKey);
        }
        if (accessToken != null) {
            headers.put("Authorization", "Bearer " + accessToken);
        }
        if (o.ifMatch() != null) {
            headers.put("If-Match", o.ifMatch().startsWith("\"") ? o.ifMatch() : "\"" + o.ifMatch() + "\"");
        }
        if (idempotent) {
            headers.put("Idempotency-Key", o.idempotencyKey() != null ? o.idempotencyKey() : UUID.randomUUID().toString());
        }
        String json = body == null ? null : Json.write(body);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        boolean retryable = RETRYABLE_METHODS.contains(method) || idempotent;
        int retries = retryable ? (o.maxRetries() != null ? o.maxRetries() : maxRetries) : 0;
        Duration budget = o.timeout() != null ? o.timeout() : timeout;
        long deadline = budget == null || budget.isZero() ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        URI uri = URI.create(baseUrl + path + queryString(query));

        for (int attempt = 0; ; attempt++) {
            ApiException failure;
            try {
                return once(method, uri, path, headers, json, deadline, budget);
            } catch (ApiException.ConnectionException | ApiException.RateLimitException
                     | ApiException.ServerException e) {
                failure = e;
            }
            if (attempt >= retries) {
                throw failure;
            }
            long delay = retryDelayMillis(failure.headers(), attempt);
            if (deadline != Long.MAX_VALUE && System.nanoTime() + delay * 1_000_000 >= deadline) {
                throw failure;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException.CancelledException(method + " " + path + " cancelled", e);
            }
        }
    }

    private ApiObject once(String method, URI uri, String path, Map<String, String> headers, String json,
                           long deadline, Duration budget) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(req::header);
        if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ApiException.TimeoutException(method + " " + path + " timed out after " + budget, null);
            }
            req.timeout(Duration.ofNanos(left));
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ApiException.TimeoutException(method + " " + path + " timed out after " + budget, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.CancelledException(method + " " + path + " cancelled", e);
        } catch (IOException e) {
            throw new ApiException.ConnectionException(method + " " + path + " failed: " + e, e);
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        res.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Object parsed;
        try {
            parsed = res.body() == null || res.body().isBlank() ? Map.of() : Json.parse(res.body());
        } catch (IllegalArgumentException notJson) {
            parsed = Map.of("raw", res.body());
        }
        if (res.statusCode() >= 200 && res.statusCode() < 300) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("value", parsed);
            return new ApiObject(fields, res.statusCode(), responseHeaders);
        }
        throw ApiException.of(res.statusCode(), responseHeaders, parsed);
    }

    /** Retry-After (seconds or an HTTP date) wins, then X-RateLimit-Reset when the window is spent, else backoff. */
    long retryDelayMillis(Map<String, String> headers, int attempt) {
        long cap = maxRetryDelay.toMillis();
        String retryAfter = headers.get("retry-after");
        if (retryAfter != null) {
            try {
                return clamp((long) (Double.parseDouble(retryAfter.trim()) * 1000), cap);
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime when = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    return clamp(when.toInstant().toEpochMilli() - System.currentTimeMillis(), cap);
                } catch (RuntimeException notADate) {
                    // fall through to the other hints
                }
            }
        }
        String reset = headers.get("x-ratelimit-reset");
        if ("0".equals(headers.get("x-ratelimit-remaining")) && reset != null) {
            try {
                return clamp(Long.parseLong(reset.trim()) * 1000 - System.currentTimeMillis(), cap);
            } catch (NumberFormatException ignored) {
                // fall through to backoff
            }
        }
        long ceiling = Math.min(cap, retryBaseDelay.toMillis() << Math.min(attempt, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static long clamp(long millis, long cap) {
        return Math.max(0, Math.min(millis, cap));
    }

    /** Query parameters from name, value pairs, in order; a null value is left out of the request. */
    static Map<String, Object> query(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("query takes name, value pairs");
        }
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            q.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return q;
    }

    private static String queryString(Map<String, ?> query) {
        if (query == null) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(enc(k) + "=" + enc(String.valueOf(v)));
            }
        });
        return q.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
