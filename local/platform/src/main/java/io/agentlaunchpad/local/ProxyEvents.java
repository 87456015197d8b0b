package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.json.Json;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Builds the REST API (v1) proxy event API Gateway hands a Lambda: path parameters from the route template, query
 * strings single- and multi-valued, headers, the body as text or base64, and a request context with a fresh id.
 */
final class ProxyEvents {

    static final String ACCOUNT = "000000000000";
    static final String API_ID = "local";
    static final String STAGE = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The parts of an HTTP request the gateway passes on. */
    record HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String sourceIp) {

        /** Every value sent for the header, in the order sent; empty when it was not sent. */
        List<String> values(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    values.addAll(e.getValue());
                }
            }
            return values;
        }

        /**
         * The header's value as a function reads it in the event's single-value {@code headers}: the last one sent.
         * The gateway's own reads (the authorizer cache's identity) use this same rule.
         */
        String header(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : values.get(values.size() - 1);
        }
    }

    private ProxyEvents() {
    }

    static String methodArn(Route route, String method) {
        return "arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + API_ID + "/" + STAGE + "/" + method
                + route.pathTemplate();
    }

    static Map<String, String> pathParameters(Route route, String path) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = route.pathPattern().matcher(path);
        if (m.matches()) {
            List<String> names = route.pathParameters();
            for (int i = 0; i < names.size(); i++) {
                params.put(names.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    static ObjectNode event(Route route, HttpRequest request, String requestId, Map<String, Object> authorizer,
                            Instant now) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("resource", route.pathTemplate());
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        request.headers().forEach((name, values) -> {
            // API Gateway keeps the last value in "headers" and all of them in "multiValueHeaders".
            headers.put(name, values.get(values.size() - 1));
            var array = multiHeaders.putArray(name);
            values.forEach(array::add);
        });
        Map<String, List<String>> query = query(request.rawQuery());
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                var array = multi.putArray(name);
                values.forEach(array::add);
            });
        }
        Map<String, String> params = pathParameters(route, request.path());
        if (params.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode p = event.putObject("pathParameters");
            params.forEach(p::put);
        }
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT);
        context.put("apiId", API_ID);
        context.put("resourceId", Integer.toHexString(route.pathTemplate().hashCode()));
        context.put("resourcePath", route.pathTemplate());
        context.put("httpMethod", request.method());
        context.put("extendedRequestId", requestId);
        context.put("requestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("path", "/" + STAGE + request.path());
        context.put("protocol", "HTTP/1.1");
        context.put("stage", STAGE);
        context.put("domainPrefix", "localhost");
        context.put("domainName", "localhost");
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.header("User-Agent"));
        if (authorizer != null) {
            context.set("authorizer", Json.MAPPER.valueToTree(authorizer));
        }
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else {
            String text = utf8(body);
            if (text != null) {
                event.put("body", text);
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        }
        return event;
    }

    /** The body as text when it is valid UTF-8; null when it is binary. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
