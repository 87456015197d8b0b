package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The field paths one desired state changes from another ({@code personality.system}, {@code resources.replicas},
 * {@code platforms.discord.token}): paths only, so a secret that changed shows as its path and never as a value.
 */
final class ChangedFields {

    private ChangedFields() {
    }

    static List<String> between(AgentSpec before, AgentSpec after) {
        List<String> paths = new ArrayList<>();
        diff("", Json.MAPPER.valueToTree(before), Json.MAPPER.valueToTree(after), paths);
        return paths;
    }

    /** Settings compared in memory (unsealed by the caller for this alone); only the paths leave. */
    static List<String> between(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        List<String> paths = new ArrayList<>();
        for (String platform : new TreeSet<>(union(before.keySet(), after.keySet()))) {
            Map<String, String> was = before.getOrDefault(platform, Map.of());
            Map<String, String> is = after.getOrDefault(platform, Map.of());
            for (String field : new TreeSet<>(union(was.keySet(), is.keySet()))) {
                if (!Objects.equals(was.get(field), is.get(field))) {
                    paths.add("platforms." + platform + "." + field);
                }
            }
        }
        return paths;
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<String> paths) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), paths);
            }
            return;
        }
        paths.add(path.equals("plugins") ? "selectedPlugins" : path);
    }

    private static <T> TreeSet<T> union(Iterable<T> a, Iterable<T> b) {
        TreeSet<T> all = new TreeSet<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
