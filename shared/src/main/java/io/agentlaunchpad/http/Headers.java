package io.agentlaunchpad.http;

import java.util.List;
import java.util.Map;

/** Header lookup in API Gateway events: case-insensitive as HTTP says, since API Gateway keeps the client's spelling. */
public final class Headers {

    private Headers() {
    }

    /** The value of {@code name} from the single-value map, else the first of the multi-value map, else null. */
    public static String first(Map<String, String> single, Map<String, List<String>> multi, String name) {
        if (single != null) {
            for (Map.Entry<String, String> e : single.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        if (multi != null) {
            for (Map.Entry<String, List<String>> e : multi.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
        }
        return null;
    }
}
