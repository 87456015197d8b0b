package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A watch over plain HTTP (kubectl's and client-go's; fabric8 watches over a WebSocket, which the store
 * serves). The store cannot stream, so each watch answers at once the objects changed since its
 * {@code resourceVersion} (all of them, ADDED, without one) and ends; with none it ends after
 * {@link #WAIT}, and the client watches again from where it was: a poll. Deletions are not seen. A
 * watch for a Table ({@code kubectl get -w}) is refused: it would end at once.
 */
final class HttpWatch {

    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(2);

    private final StoredObjects store;

    HttpWatch(StoredObjects store) {
        this.store = store;
    }

    MockResponse answer(ResourcePath target, Map<String, String> query, String accept) {
        if (accept != null && accept.contains("as=Table")) {
            return StoredObjects.status(405, "MethodNotAllowed", "the simulated cluster does not stream watches: run the command "
                    + "again without --watch");
        }
        StringBuilder list = new StringBuilder(target.groupVersion().equals("v1") ? "/api/v1" : "/apis/"
                + target.groupVersion());
        if (target.namespace() != null) {
            list.append("/namespaces/").append(target.namespace());
        }
        list.append('/').append(target.plural());
        if (query.containsKey("labelSelector")) {
            list.append("?labelSelector=").append(java.net.URLEncoder.encode(query.get("labelSelector"),
                    StandardCharsets.UTF_8));
        }
        Map<String, String> fields = new HashMap<>();
        for (String term : query.getOrDefault("fieldSelector", "").split(",")) {
            int eq = term.indexOf('=');
            if (eq > 0) {
                fields.put(term.substring(0, eq).replaceAll("=+$", ""), term.substring(eq + 1).replaceAll("^=", ""));
            }
        }
        if (target.name() != null) {
            fields.put("metadata.name", target.name());
        }
        long since;
        try {
            since = Long.parseLong(query.getOrDefault("resourceVersion", "0"));
        } catch (NumberFormatException e) {
            since = 0;
        }
        JsonNode items = Optional.ofNullable(store.read(list.toString())).map(l -> l.path("items"))
                .orElse(StoredObjects.JSON.createArrayNode());
        StringBuilder events = new StringBuilder();
        for (JsonNode item : items) {
            JsonNode metadata = item.path("metadata");
            boolean matches = fields.entrySet().stream().allMatch(f -> switch (f.getKey()) {
                case "metadata.name" -> f.getValue().equals(metadata.path("name").asText());
                case "metadata.namespace" -> f.getValue().equals(metadata.path("namespace").asText());
                default -> true;
            });
            long version = metadata.path("resourceVersion").asLong(0);
            if (matches && (since == 0 || version > since)) {
                ObjectNode event = StoredObjects.JSON.createObjectNode().put("type", since == 0 ? "ADDED" : "MODIFIED");
                event.set("object", item);
                events.append(event).append('\n');
            }
        }
        MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(events.toString());
        return events.isEmpty() ? response.setBodyDelay(WAIT) : response;
    }
}
