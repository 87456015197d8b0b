package io.agentlaunchpad.emulators;

import io.fabric8.mockwebserver.crud.AttributeSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated API server's objects indexed by kind (the resource's plural), kind and namespace, kind, namespace
 * and name, and kind and name or label across namespaces (the store finds a name asked for without a namespace in
 * any of them): a list in one namespace or by one label reads those objects only. Each bucket keeps
 * its objects in the order of their last write, as the store's own map does, so an answer from a bucket lists them
 * in the store's order. The index only narrows: whoever asks still filters the candidates with the store's own
 * matching.
 * Not thread-safe: {@link IndexedStore} guards it.
 */
final class StoreIndex {

    /** One stored object: the store's key for it, its JSON, and what the index files it under. */
    record Entry(AttributeSet key, String json, String plural, String namespace, String name,
                 Map<String, String> labels) {
    }

    /** What a request names: a kind (null: any), a namespace (null: all), a name, equality label requirements. */
    record Selection(String plural, String namespace, String name, Map<String, String> labels) {
    }

    private static final String ANY = "*";

    private final Map<AttributeSet, Entry> all = new LinkedHashMap<>();
    private final Map<String, Map<AttributeSet, Entry>> byKind = new LinkedHashMap<>();
    private final Map<String, Map<AttributeSet, Entry>> byNamespace = new LinkedHashMap<>();
    private final Map<String, Map<AttributeSet, Entry>> byName = new LinkedHashMap<>();
    private final Map<String, Map<AttributeSet, Entry>> byNameAnywhere = new LinkedHashMap<>();
    private final Map<String, Map<AttributeSet, Entry>> byLabel = new LinkedHashMap<>();

    /** Files {@code entry}, replacing the object stored under an equal key (it moves to the end, as in the store). */
    void put(Entry entry) {
        remove(entry.key());
        all.put(entry.key(), entry);
        for (String bucket : buckets(entry)) {
            bucketsOf(bucket).computeIfAbsent(bucket.substring(1), b -> new LinkedHashMap<>()).put(entry.key(), entry);
        }
    }

    void remove(AttributeSet key) {
        Entry removed = all.remove(key);
        if (removed == null) {
            return;
        }
        for (String bucket : buckets(removed)) {
            Map<String, Map<AttributeSet, Entry>> index = bucketsOf(bucket);
            Map<AttributeSet, Entry> entries = index.get(bucket.substring(1));
            entries.remove(key);
            if (entries.isEmpty()) {
                index.remove(bucket.substring(1));
            }
        }
    }

    void clear() {
        all.clear();
        byKind.clear();
        byNamespace.clear();
        byName.clear();
        byNameAnywhere.clear();
        byLabel.clear();
    }

    boolean hasKind(String plural) {
        return byKind.containsKey(plural);
    }

    /**
     * Every object that can match {@code selection}, in the store's order: its name's bucket, else the smallest of its
     * namespace's (or kind's) and its labels' buckets; every object when it names no kind or asks for a wildcard.
     */
    Collection<Entry> candidates(Selection selection) {
        String plural = selection.plural();
        if (plural == null || isWildcard(plural) || isWildcard(selection.namespace())
                || isWildcard(selection.name())) {
            return List.copyOf(all.values());
        }
        if (selection.name() != null) {
            return copy(selection.namespace() == null ? byNameAnywhere.get(namespaceKey(plural, selection.name()))
                    : byName.get(nameKey(plural, selection.namespace(), selection.name())));
        }
        Map<AttributeSet, Entry> smallest = selection.namespace() == null ? byKind.get(plural)
                : byNamespace.get(namespaceKey(plural, selection.namespace()));
        for (Map.Entry<String, String> label : selection.labels().entrySet()) {
            Map<AttributeSet, Entry> bucket = byLabel.get(labelKey(plural, label.getKey(), label.getValue()));
            if (bucket == null || smallest == null) {
                return List.of();
            }
            if (bucket.size() < smallest.size()) {
                smallest = bucket;
            }
        }
        return copy(smallest);
    }

    private static Collection<Entry> copy(Map<AttributeSet, Entry> bucket) {
        return bucket == null ? List.of() : List.copyOf(bucket.values());
    }

    private static boolean isWildcard(String value) {
        return ANY.equals(value);
    }

    /** The buckets of an entry, each as a one-letter index name then its key in that index. */
    private static List<String> buckets(Entry entry) {
        List<String> buckets = new ArrayList<>();
        if (entry.plural() == null) {
            return buckets;
        }
        buckets.add("k" + entry.plural());
        buckets.add("n" + namespaceKey(entry.plural(), entry.namespace()));
        if (entry.name() != null) {
            buckets.add("m" + nameKey(entry.plural(), entry.namespace(), entry.name()));
            buckets.add("a" + namespaceKey(entry.plural(), entry.name()));
        }
        entry.labels().forEach((label, value) -> buckets.add("l" + labelKey(entry.plural(), label, value)));
        return buckets;
    }

    private Map<String, Map<AttributeSet, Entry>> bucketsOf(String bucket) {
        return switch (bucket.charAt(0)) {
            case 'k' -> byKind;
            case 'n' -> byNamespace;
            case 'm' -> byName;
            case 'a' -> byNameAnywhere;
            default -> byLabel;
        };
    }

    private static String namespaceKey(String plural, String namespace) {
        return plural + "\n" + (namespace == null ? "" : namespace);
    }

    private static String nameKey(String plural, String namespace, String name) {
        return namespaceKey(plural, namespace) + "\n" + name;
    }

    private static String labelKey(String plural, String label, String value) {
        return plural + "\n" + label + "\n" + value;
    }
}
