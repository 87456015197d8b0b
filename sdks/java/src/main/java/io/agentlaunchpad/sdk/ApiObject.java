package io.agentlaunchpad.sdk;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object the API answered, keys as the API spells them (camelCase), with the answer's status and headers
 * (lower-cased names) when it is a whole response.
 */
public final class ApiObject {

    private final Map<String, Object> fields;
    private final int status;
    private final Map<String, String> headers;

    public ApiObject(Map<String, Object> fields, int status, Map<String, String> headers) {
        this.fields = Collections.unmodifiableMap(fields);
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
    }

    static ApiObject of(Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new ApiObject(map, 0, Map.of());
    }

    public Map<String, Object> asMap() {
        return fields;
    }

    public boolean has(String key) {
        return fields.get(key) != null;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String string(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key));
    }

    public long number(String key) {
        Object v = fields.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("'" + key + "' is not a number: " + v);
        }
        return n.longValue();
    }

    public boolean bool(String key) {
        return Boolean.TRUE.equals(fields.get(key));
    }

    public ApiObject object(String key) {
        return of(fields.get(key));
    }

    /** The array at key, each object element wrapped. */
    public List<ApiObject> objects(String key) {
        Object v = fields.get(key);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(ApiObject::of).toList();
    }

    /** The HTTP status, or 0 for a nested object. */
    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public String requestId() {
        return headers.get("x-request-id");
    }

    @Override
    public String toString() {
        return Json.write(fields);
    }
}
