package io.agentlaunchpad.http;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Principal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agentlaunchpad.json.Json;
import org.jboss.logging.MDC;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** One authenticated, authorised request as a route handler sees it, with validated accessors for its inputs. */
public final class ApiCall {

    /** The shared mapper, refusing anything after the JSON value (by default Jackson reads the first and stops). */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern AGENT_ID = Pattern.compile("^agent-[a-z0-9](?:[a-z0-9-]{0,54}[a-z0-9])?$");

    private final ProxyRequest request;
    private final Route route;
    private final Principal principal;
    private final String requestId;
    private final int maxBodyBytes;

    ApiCall(ProxyRequest request, Route route, Principal principal, String requestId, int maxBodyBytes) {
        this.request = request;
        this.route = route;
        this.principal = principal;
        this.requestId = requestId;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Principal principal() {
        return principal;
    }

    public String requestId() {
        return requestId;
    }

    public Route route() {
        return route;
    }

    public String header(String name) {
        return request.header(name);
    }

    /** The {@code agentId} path parameter, refused with 400 when it cannot be an agent id. */
    public String agentId() {
        String id = request.pathParameter("agentId");
        if (id == null || id.isEmpty()) {
            throw ApiException.validation("agentId", "is required in the path");
        }
        if (!AGENT_ID.matcher(id).matches()) {
            throw ApiException.validation("agentId",
                    "must look like 'agent-' followed by lowercase letters, digits and dashes (at most 62 characters)");
        }
        MDC.put(JsonLog.AGENT_ID, id);
        return id;
    }

    /** A path parameter as API Gateway matched it, or null; the caller validates its shape. */
    public String path(String name) {
        return request.pathParameter(name);
    }

    /** A single-valued query parameter; repeating it is an error rather than a silent pick. */
    public String query(String name) {
        List<String> values = request.queryValues(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.validation(name, "must be given once");
        }
        return values.get(0);
    }

    public int intQuery(String name, int defaultValue, int min, int max) {
        String text = query(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation(name, "must be a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw ApiException.validation(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** The request body as a JSON object: 413 over the size limit, 415 for non-JSON, 400 when malformed. */
    public JsonNode jsonObjectBody() {
        String body = request.body();
        if (body == null || body.isBlank()) {
            throw ApiException.validation("body", "a JSON object is required");
        }
        if (request.isBase64Encoded()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("body", "is marked base64-encoded but is not base64");
            }
            try {
                // strictly: a lenient decode would turn bytes that are not UTF-8 into U+FFFD and keep them
                body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw ApiException.validation("body", "is not UTF-8 text");
            }
        }
        if (body.length() > maxBodyBytes || body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + maxBodyBytes + " bytes");
        }
        String contentType = header("Content-Type");
        if (contentType != null && !isJson(contentType)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, got '" + printable(contentType) + "'");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            // a parser limit (nesting depth, say) comes without a location
            throw ApiException.validation("body", "is not valid JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation("body", "must be a JSON object");
        }
        return node;
    }

    /** {@code application/json}, with parameters or not; not {@code application/jsonp} nor a {@code +json} type. */
    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
