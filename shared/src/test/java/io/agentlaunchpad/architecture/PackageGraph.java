package io.agentlaunchpad.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which of the project's packages import which, read from source files, and the cycles among them. */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.agentlaunchpad\\.[\\w.]+);",
            Pattern.MULTILINE);

    private final Map<String, Set<String>> edges = new TreeMap<>();

    static PackageGraph of(Path sourceRoot) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> graph.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    void add(String source) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return;
        }
        Set<String> to = edges.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String target = packageOf(imports.group(1));
            if (!target.equals(pkg.group(1))) {
                to.add(target);
            }
        }
    }

    int packages() {
        return edges.size();
    }

    /** Each group of packages that import one another, directly or through others (Tarjan's components). */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String node : edges.keySet()) {
            if (!index.containsKey(node)) {
                visit(node, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                       List<Set<String>> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, index, low, stack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    /** The leading lower-case segments of a type's (or static member's) name: its package. */
    private static String packageOf(String qualified) {
        String[] parts = qualified.split("\\.");
        int end = 0;
        while (end < parts.length && Character.isLowerCase(parts[end].charAt(0))) {
            end++;
        }
        return String.join(".", List.of(parts).subList(0, end));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
