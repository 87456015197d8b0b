package io.agentlaunchpad.emulators;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a request path names: {@code /api/v1/namespaces/ns/pods/name/log} and the like. */
record ResourcePath(String groupVersion, String namespace, String plural, String name, String subresource) {

    /** The resource a path names under {@code /api/v1} or {@code /apis/<group>/<version>}. */
    static Optional<ResourcePath> of(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String groupVersion;
        int from;
        if (parts.length >= 2 && parts[0].equals("api")) {
            groupVersion = parts[1];
            from = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            groupVersion = parts[1] + "/" + parts[2];
            from = 3;
        } else {
            return Optional.empty();
        }
        String[] rest = Arrays.copyOfRange(parts, from, parts.length);
        if (rest.length == 0 || rest[0].isEmpty()) {
            return Optional.empty();
        }
        if (rest[0].equals("namespaces") && rest.length >= 3 && !List.of("status", "finalize").contains(rest[2])) {
            return Optional.of(new ResourcePath(groupVersion, rest[1], rest[2], rest.length > 3 ? rest[3] : null,
                    rest.length > 4 ? rest[4] : null));
        }
        return Optional.of(new ResourcePath(groupVersion, null, rest[0], rest.length > 1 ? rest[1] : null,
                rest.length > 2 ? rest[2] : null));
    }

    /** A request's query parameters, decoded; the first value of a parameter given twice. */
    static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
