package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed store answers as fabric8's store does (the same objects, in the same order, with the same list
 * resourceVersion) after creates, replaces and patches that change labels, and deletes; and its index narrows a
 * read to the objects of one namespace or one label.
 */
class IndexedStoreTest {

    private static final String NAME = "app.kubernetes.io/name";
    private static final String INSTANCE = "app.kubernetes.io/instance";
    private static final List<String> NAMESPACES = List.of("owner-a", "owner-b", "owner-c");
    private static final List<String> KINDS = List.of("pods", "configmaps");

    private final IndexedStore indexed = new IndexedStore();
    /** The same requests sent to fabric8's own store: what every answer must agree with. */
    private final KubernetesCrudDispatcher plain = new KubernetesCrudDispatcher();

    @Test
    void listsAgreeWithTheStoreAfterCreatesLabelChangesAndDeletes() {
        Random random = new Random(20);
        List<String> live = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            int action = live.isEmpty() ? 0 : random.nextInt(5);
            if (action <= 1) {
                String path = collection(KINDS.get(random.nextInt(2)), NAMESPACES.get(random.nextInt(3)));
                String name = "agent-" + step;
                send(HttpMethod.POST, path, object(path, name, labels(random)), null);
                live.add(path + "/" + name);
            } else if (action == 2) {
                String object = live.get(random.nextInt(live.size()));
                send(HttpMethod.PUT, object, object(object, object.substring(object.lastIndexOf('/') + 1),
                        labels(random)), null);
            } else if (action == 3) {
                String object = live.get(random.nextInt(live.size()));
                send(HttpMethod.PATCH, object, "{\"metadata\":{\"labels\":{\"" + INSTANCE + "\":\"i"
                        + random.nextInt(3) + "\"}}}", "application/merge-patch+json");
            } else if (random.nextInt(4) > 0) {
                send(HttpMethod.DELETE, live.remove(random.nextInt(live.size())), null, null);
            } else {
                String namespace = random.nextBoolean() ? NAMESPACES.get(random.nextInt(3)) : null;
                String kind = KINDS.get(random.nextInt(2));
                send(HttpMethod.DELETE, (namespace == null ? "/api/v1/" + kind : collection(kind, namespace))
                        + "?labelSelector=" + selector(NAME + "=n" + random.nextInt(3)), null, null);
            }
            if (step % 20 == 19) {
                assertReadsAgree(live);
            }
        }
        assertThat(live).isNotEmpty();
    }

    @Test
    void aReplacedObjectIsListedUnderItsNewLabelsOnlyAndADeletedOneNowhere() {
        String pods = collection("pods", "owner-a");
        send(HttpMethod.POST, pods, object(pods, "agent-1", Map.of(NAME, "old")), null);
        assertThat(names(pods + "?labelSelector=" + selector(NAME + "=old"))).containsExactly("agent-1");

        send(HttpMethod.PUT, pods + "/agent-1", object(pods, "agent-1", Map.of(NAME, "new")), null);
        assertThat(names(pods + "?labelSelector=" + selector(NAME + "=old"))).isEmpty();
        assertThat(names(pods + "?labelSelector=" + selector(NAME + "=new"))).containsExactly("agent-1");

        send(HttpMethod.PATCH, pods + "/agent-1", "{\"metadata\":{\"labels\":{\"" + NAME + "\":\"patched\"}}}",
                "application/merge-patch+json");
        assertThat(names(pods + "?labelSelector=" + selector(NAME + "=new"))).isEmpty();
        assertThat(names("/api/v1/pods?labelSelector=" + selector(NAME + "=patched"))).containsExactly("agent-1");

        send(HttpMethod.DELETE, pods + "/agent-1", null, null);
        assertThat(names(pods)).isEmpty();
        assertThat(names(pods + "?labelSelector=" + selector(NAME + "=patched"))).isEmpty();
        assertThat(indexed.handleGet(pods + "/agent-1").code()).isEqualTo(404);
        assertReadsAgree(List.of());
    }

    @Test
    void anObjectWithAFinalizerIsMarkedByADeleteAndGoesWhenItsFinalizersAre() {
        String maps = collection("configmaps", "owner-a");
        send(HttpMethod.POST, maps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\","
                + "\"namespace\":\"owner-a\",\"finalizers\":[\"launchpad.local/hold\"],\"labels\":{\"" + NAME
                + "\":\"n1\"}}}", null);
        assertThat(send(HttpMethod.DELETE, maps + "?labelSelector=" + selector(NAME + "=n1"), null, null))
                .isEqualTo(200);
        assertThat(send(HttpMethod.DELETE, maps + "/held", null, null)).isEqualTo(200);
        JsonNode marked = StoredObjects.parse(indexed.handleGet(maps + "/held").getBody().getBytes());
        assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        assertReadsAgree(List.of(maps + "/held"));

        ((ObjectNode) marked.path("metadata")).remove("finalizers");
        assertThat(send(HttpMethod.PUT, maps + "/held", marked.toString(), null)).isEqualTo(200);
        assertThat(indexed.handleGet(maps + "/held").code()).isEqualTo(404);
        assertReadsAgree(List.of(maps + "/held"));
    }

    @Test
    void aCreateOfAnExistingNameIsRefusedAndAReplaceOfAMissingOneIsNotFound() {
        String pods = collection("pods", "owner-a");
        assertThat(send(HttpMethod.POST, pods, object(pods, "agent-1", Map.of()), null)).isEqualTo(201);
        assertThat(send(HttpMethod.POST, pods, object(pods, "agent-1", Map.of()), null)).isEqualTo(409);
        assertThat(send(HttpMethod.PUT, pods + "/agent-2", object(pods, "agent-2", Map.of()), null)).isEqualTo(404);
        String other = collection("pods", "owner-b");
        assertThat(send(HttpMethod.POST, other, object(other, "agent-1", Map.of()), null)).isEqualTo(201);
        assertReadsAgree(List.of(pods + "/agent-1", other + "/agent-1"));
    }

    @Test
    void aReadInOneNamespaceOrByOneLabelLooksAtThoseObjectsOnly() {
        for (String namespace : NAMESPACES) {
            String pods = collection("pods", namespace);
            for (int i = 0; i < 10; i++) {
                send(HttpMethod.POST, pods, object(pods, "agent-" + i, Map.of(NAME, "n" + i, INSTANCE, "all")), null);
            }
        }
        assertThat(candidates("/api/v1/namespaces/owner-b/pods")).hasSize(10)
                .allMatch(e -> e.namespace().equals("owner-b"));
        assertThat(candidates("/api/v1/pods?labelSelector=" + selector(NAME + "=n3"))).hasSize(3)
                .allMatch(e -> e.labels().get(NAME).equals("n3"));
        assertThat(candidates("/api/v1/namespaces/owner-b/pods?labelSelector=" + selector(INSTANCE + "=all")))
                .hasSize(10).allMatch(e -> e.namespace().equals("owner-b"));
        assertThat(candidates("/api/v1/namespaces/owner-c/pods/agent-7")).hasSize(1)
                .allMatch(e -> e.name().equals("agent-7") && e.namespace().equals("owner-c"));
        assertThat(candidates("/api/v1/pods/agent-7")).hasSize(3).allMatch(e -> e.name().equals("agent-7"));
        assertThat(candidates("/api/v1/namespaces/owner-c/configmaps")).isEmpty();
        assertThat(indexed.getMap()).hasSize(30);
    }

    private List<StoreIndex.Entry> candidates(String path) {
        return List.copyOf(indexed.candidates(path));
    }

    /** Every read the platform makes, by namespace, label, both, name and across namespaces, on both stores. */
    private void assertReadsAgree(List<String> live) {
        List<String> paths = new ArrayList<>();
        for (String kind : KINDS) {
            paths.add(KINDS.indexOf(kind) == 0 ? "/api/v1/pods" : "/api/v1/configmaps");
            for (String namespace : NAMESPACES) {
                String list = collection(kind, namespace);
                paths.add(list);
                for (int i = 0; i < 3; i++) {
                    paths.add(list + "?labelSelector=" + selector(NAME + "=n" + i));
                    paths.add(list + "?labelSelector=" + selector(NAME + "=n" + i + "," + INSTANCE + "=i" + i));
                    paths.add(list + "?labelSelector=" + selector(NAME + "!=n" + i));
                }
                paths.add(list + "?labelSelector=" + selector(INSTANCE));
            }
            paths.add("/api/v1/" + kind + "?labelSelector=" + selector(NAME + "=n1"));
        }
        paths.addAll(live);
        live.forEach(object -> paths.add("/api/v1/" + object.split("/")[5] + "/" + object.split("/")[6]));
        paths.add(collection("pods", "owner-a") + "/missing");
        for (String path : paths) {
            MockResponse mine = indexed.handleGet(path);
            MockResponse theirs = plain.handleGet(path);
            assertThat(mine.code()).as(path).isEqualTo(theirs.code());
            assertThat(summary(mine, true)).as(path).isEqualTo(summary(theirs, true));
            assertThat(summary(mine, false)).as(path).isEqualTo(scanned(path));
        }
    }

    /** The objects a full scan of the indexed store's own map finds, as the store would match them. */
    private List<String> scanned(String path) {
        AttributeSet query = indexed.getAttributeExtractor().fromPath(path);
        List<String> found = new ArrayList<>();
        indexed.getMap().forEach((key, json) -> {
            if (key.matches(query)) {
                found.add(describe(StoredObjects.parse(json.getBytes(StandardCharsets.UTF_8))));
            }
        });
        return query.containsKey("name") && !found.isEmpty() ? List.of(found.get(0)) : found;
    }

    /**
     * The names, namespaces, labels and versions an answer lists, and the list's own version if asked (uids and
     * timestamps differ between stores).
     */
    private static List<String> summary(MockResponse response, boolean listVersion) {
        if (response.getBody() == null || response.getBody().size() == 0) {
            return List.of();
        }
        JsonNode body = StoredObjects.parse(response.getBody().getBytes());
        List<String> described = new ArrayList<>();
        if (body.has("items")) {
            body.path("items").forEach(item -> described.add(describe(item)));
            if (listVersion) {
                described.add("list v" + body.path("metadata").path("resourceVersion").asText());
            }
        } else {
            described.add(describe(body));
        }
        return described;
    }

    private static String describe(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return metadata.path("namespace").asText() + "/" + metadata.path("name").asText() + " "
                + metadata.path("labels") + " v" + metadata.path("resourceVersion").asText();
    }

    private List<String> names(String path) {
        MockResponse response = indexed.handleGet(path);
        List<String> names = new ArrayList<>();
        StoredObjects.parse(response.getBody().getBytes()).path("items")
                .forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    /** Sends one request to both stores; they must answer it with the same status. */
    private int send(HttpMethod method, String path, String body, String contentType) {
        int mine = indexed.dispatch(request(method, path, body, contentType)).code();
        int theirs = plain.dispatch(request(method, path, body, contentType)).code();
        assertThat(mine).as(method + " " + path).isEqualTo(theirs);
        return mine;
    }

    private static RecordedRequest request(HttpMethod method, String path, String body, String contentType) {
        Headers headers = Headers.builder().add("Content-Type", contentType == null ? "application/json" : contentType)
                .build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String collection(String kind, String namespace) {
        return "/api/v1/namespaces/" + namespace + "/" + kind;
    }

    private static String object(String path, String name, Map<String, String> labels) {
        String kind = path.contains("/pods") ? "Pod" : "ConfigMap";
        String namespace = path.split("/")[4];
        StringBuilder json = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{"
                + "\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\",\"labels\":{");
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> json
                .append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(label.getKey()).append("\":\"").append(label.getValue()).append('"'));
        return json.append("}}}").toString();
    }

    private static Map<String, String> labels(Random random) {
        return random.nextBoolean() ? Map.of(NAME, "n" + random.nextInt(3))
                : Map.of(NAME, "n" + random.nextInt(3), INSTANCE, "i" + random.nextInt(3));
    }

    private static String selector(String selector) {
        return URLEncoder.encode(selector, StandardCharsets.UTF_8);
    }
}
