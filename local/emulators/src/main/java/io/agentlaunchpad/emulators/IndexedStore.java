package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD store with its objects indexed ({@link StoreIndex}): the store scans every object for each read
 * and write; here a read by name, in a namespace or by an equality label selector, and the lookup each write makes,
 * look at the objects of that bucket only. The store still writes (metadata, resourceVersion, generation, patches,
 * finalizers, WebSocket watches); the index learns each change from {@link #processEvent}, through which every write
 * and delete of the store passes. Reads answer from the index alone, under this class's lock, which every write
 * holds too, so a read sees each write whole. WebSocket watches stay the store's.
 */
final class IndexedStore extends KubernetesCrudDispatcher {

    /** The store's own equality requirement, {@code key=value} or {@code key==value}: the same labels it matches. */
    private static final Pattern EQUALITY =
            Pattern.compile("(?<key>[a-zA-Z0-9-_./]+)(==|(?<!!)=)(?<value>[a-zA-Z0-9-_.]+)");

    private final StoreIndex index = new StoreIndex();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong latestVersion = new AtomicLong();
    private final KubernetesResponseComposer lists = new KubernetesResponseComposer();

    private KubernetesAttributesExtractor extractor() {
        return (KubernetesAttributesExtractor) attributeExtractor;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return writing(() -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return writing(() -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return writing(() -> super.handlePatch(request));
    }

    /**
     * A delete of the objects the index finds, each as the store would make it (gone, or marked for deletion while
     * it has finalizers) but written as a replace of it marked for deletion, which the store turns into exactly that
     * under its own lock; the store's delete would scan every object. An object the store could not take back as a
     * replace (no kind or apiVersion) leaves the whole delete to the store.
     */
    @Override
    public MockResponse handleDelete(String path) {
        return writing(() -> {
            AttributeSet query = attributeExtractor.fromPath(path);
            List<StoreIndex.Entry> matched = new ArrayList<>();
            for (StoreIndex.Entry entry : candidates(path)) {
                if (entry.key().matches(query)) {
                    matched.add(entry);
                }
            }
            List<GenericKubernetesResource> resources = new ArrayList<>();
            for (StoreIndex.Entry entry : matched) {
                GenericKubernetesResource resource = Serialization.unmarshal(entry.json(),
                        GenericKubernetesResource.class);
                if (resource == null || resource.getKind() == null || resource.getApiVersion() == null
                        || entry.name() == null || entry.plural() == null) {
                    return super.handleDelete(path);
                }
                resources.add(resource);
            }
            for (int i = 0; i < matched.size(); i++) {
                markDeleted(objectPath(path, matched.get(i)), resources.get(i));
            }
            List<String> items = matched.stream().map(StoreIndex.Entry::json).toList();
            if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
                return items.isEmpty() ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                        : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
            }
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                    .setBody(lists.compose(items, String.valueOf(latestVersion.get())));
        });
    }

    /** Gone when it has no finalizers; else marked for deletion once, as the store's delete does. */
    private void markDeleted(String objectPath, GenericKubernetesResource resource) {
        if (!resource.getFinalizers().isEmpty() && resource.isMarkedForDeletion()) {
            return;
        }
        if (!resource.isMarkedForDeletion()) {
            resource.getMetadata().setDeletionTimestamp(ZonedDateTime.now(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        super.handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(Serialization.asJson(resource).getBytes(StandardCharsets.UTF_8))));
    }

    /** The path of one object a delete of {@code path} (the object's, or its collection's) found. */
    private static String objectPath(String path, StoreIndex.Entry entry) {
        int q = path.indexOf('?');
        String base = q < 0 ? path : path.substring(0, q);
        if (!base.endsWith("/" + entry.plural())) {
            return base;
        }
        String prefix = base.substring(0, base.length() - entry.plural().length() - 1);
        boolean namespaced = prefix.matches(".*/namespaces/[^/]+$");
        return prefix + (entry.namespace() != null && !namespaced ? "/namespaces/" + entry.namespace() : "") + "/"
                + entry.plural() + "/" + entry.name();
    }

    @Override
    public void reset() {
        writing(() -> {
            super.reset();
            index.clear();
            return null;
        });
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        latestVersion.accumulateAndGet(version, Math::max);
        return version;
    }

    /** The store's lookup before a write: the first object, in the store's order, whose key matches. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        lock.readLock().lock();
        try {
            StoreIndex.Selection selection = new StoreIndex.Selection(value(attributes, "plural"),
                    value(attributes, "namespace"), value(attributes, "name"), Map.of());
            for (StoreIndex.Entry entry : index.candidates(selection)) {
                if (entry.key().matches(attributes)) {
                    return new AbstractMap.SimpleImmutableEntry<>(entry.key(), entry.json());
                }
            }
            return null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every change of the store passes here: the store applies it, then the index files it under the same key. */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        // parsed once here rather than again by the store, which reads the same resource from newState otherwise
        GenericKubernetesResource parsed = resource == null && newState != null && !newState.isEmpty()
                ? Serialization.unmarshal(newState, GenericKubernetesResource.class) : resource;
        writing(() -> {
            super.processEvent(path, pathAttributes, oldAttributes, parsed, newState);
            if (oldAttributes != null) {
                index.remove(oldAttributes);
            }
            if (newState != null) {
                index.put(entry(pathAttributes, parsed, newState));
            }
            return null;
        });
    }

    /** The key the store files a new state under (as its {@code processEvent} makes it) and what the index reads. */
    private StoreIndex.Entry entry(AttributeSet pathAttributes, GenericKubernetesResource resource, String json) {
        AttributeSet key = resource == null ? new AttributeSet() : extractor().extract(resource);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            key = AttributeSet.merge(pathAttributes, key);
        }
        Map<String, String> labels = resource == null || resource.getMetadata().getLabels() == null ? Map.of()
                : Map.copyOf(resource.getMetadata().getLabels());
        return new StoreIndex.Entry(key, json, value(key, "plural"), value(key, "namespace"), value(key, "name"),
                labels);
    }

    @Override
    public MockResponse handleGet(String path) {
        lock.readLock().lock();
        try {
            if (isWatch(path)) {
                return super.handleGet(path);
            }
            AttributeSet query = attributeExtractor.fromPath(path);
            List<String> items = new ArrayList<>();
            for (StoreIndex.Entry entry : candidates(path)) {
                if (entry.key().matches(query)) {
                    items.add(entry.json());
                }
            }
            if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
                return items.isEmpty() ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                        : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
            }
            if (items.isEmpty() && index.hasKind("customresourcedefinitions")) {
                return super.handleGet(path); // an empty list may be a custom resource's API, which the store answers
            }
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                    .setBody(lists.compose(items, String.valueOf(latestVersion.get())));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The objects a read of {@code path} looks at: those of the bucket it names. */
    java.util.Collection<StoreIndex.Entry> candidates(String path) {
        return index.candidates(selection(path));
    }

    /** What a read's path names, its label selector's equality requirements parsed as the store parses them. */
    private StoreIndex.Selection selection(String path) {
        Map<String, String> named = extractor().fromKubernetesPath(path);
        Map<String, String> labels = new LinkedHashMap<>();
        int q = path.indexOf('?');
        for (String pair : q < 0 ? new String[0] : path.substring(q + 1).split("&")) {
            if (pair.startsWith("labelSelector=")) {
                String selector = URLDecoder.decode(pair.substring("labelSelector=".length()), StandardCharsets.UTF_8);
                for (String requirement : selector.split(",")) {
                    Matcher equality = EQUALITY.matcher(requirement);
                    if (equality.matches()) {
                        labels.put(equality.group("key"), equality.group("value"));
                    }
                }
                break;
            }
        }
        return new StoreIndex.Selection(named.get(KubernetesAttributesExtractor.PLURAL),
                named.get(KubernetesAttributesExtractor.NAMESPACE), named.get(KubernetesAttributesExtractor.NAME),
                labels);
    }

    private static boolean isWatch(String path) {
        int q = path.indexOf('?');
        return q >= 0 && path.substring(q + 1).contains("watch=true");
    }

    private static String value(AttributeSet attributes, String key) {
        Attribute attribute = attributes.getAttribute(key);
        return attribute == null || attribute.getValues().isEmpty() ? null
                : attribute.getValues().get(0).toString();
    }

    private <T> T writing(Supplier<T> write) {
        lock.writeLock().lock();
        try {
            return write.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
