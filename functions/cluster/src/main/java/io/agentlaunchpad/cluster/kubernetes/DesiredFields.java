package io.agentlaunchpad.cluster.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a live object still holds every field of the desired one, as server-side apply would leave it: fields the
 * API server or others added (defaults, status, managed fields) do not count, a field of ours changed or removed
 * does. Quantities compare by amount ("1Gi" and "1024Mi" agree), a Secret's {@code stringData} by its {@code data}.
 */
final class DesiredFields {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private DesiredFields() {
    }

    static boolean heldBy(HasMetadata desired, HasMetadata live) {
        ObjectNode want = JSON.convertValue(desired, ObjectNode.class);
        ObjectNode have = JSON.convertValue(live, ObjectNode.class);
        want.remove("status");
        if (want.has("stringData") && !have.has("stringData")) {
            ObjectNode data = want.putObject("data");
            Iterator<Map.Entry<String, JsonNode>> values = want.get("stringData").fields();
            values.forEachRemaining(e -> data.put(e.getKey(), Base64.getEncoder()
                    .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            want.remove("stringData");
        }
        return contains(want, have);
    }

    private static boolean contains(JsonNode want, JsonNode have) {
        if (isEmpty(want)) {
            return true; // nothing of ours in it: whatever the server defaulted there is not drift
        }
        if (have == null || have.isNull()) {
            return false;
        }
        if (want.isObject()) {
            if (!have.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!contains(field.getValue(), have.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!contains(want.get(i), have.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return want.asText().equals(have.asText()) || sameQuantity(want.asText(), have.asText());
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    private static boolean sameQuantity(String a, String b) {
        try {
            return Quantity.getAmountInBytes(new Quantity(a)).compareTo(Quantity.getAmountInBytes(new Quantity(b))) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
