package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/** The columns of {@link ApiTables}: those of Kubernetes' own printers for the kinds the platform uses. */
final class TableColumns {

    /** One column: its definition and how a row's cell is read from the object. */
    record Column(String name, String type, int priority, Function<JsonNode, Object> cell) {
    }

    private TableColumns() {
    }

    /** The columns of {@code kind}'s Table: Kubernetes' own printer's, NAME and AGE for a kind it has none for. */
    static List<Column> of(String kind, Instant now) {
        Column name = new Column("Name", "string", 0, o -> o.path("metadata").path("name").asText());
        Column age = new Column("Age", "string", 0, o -> ApiTables.age(o, now));
        return switch (kind) {
            case "Pod" -> List.of(name,
                    new Column("Ready", "string", 0, TableColumns::podReady),
                    new Column("Status", "string", 0, TableColumns::podStatus),
                    new Column("Restarts", "string", 0, o -> podRestarts(o, now)),
                    age,
                    new Column("IP", "string", 1, o -> orNone(o.path("status").path("podIP").asText())),
                    new Column("Node", "string", 1, o -> orNone(o.path("spec").path("nodeName").asText())),
                    new Column("Nominated Node", "string", 1, o -> "<none>"),
                    new Column("Readiness Gates", "string", 1, o -> "<none>"));
            case "Deployment" -> List.of(name,
                    new Column("Ready", "string", 0, o -> o.path("status").path("readyReplicas").asInt() + "/"
                            + o.path("spec").path("replicas").asInt(1)),
                    new Column("Up-to-date", "integer", 0, o -> o.path("status").path("updatedReplicas").asInt()),
                    new Column("Available", "integer", 0, o -> o.path("status").path("availableReplicas").asInt()),
                    age,
                    new Column("Containers", "string", 1, o -> containers(o, "name")),
                    new Column("Images", "string", 1, o -> containers(o, "image")),
                    new Column("Selector", "string", 1, o -> labels(o.path("spec").path("selector")
                            .path("matchLabels"))));
            case "ReplicaSet" -> List.of(name,
                    new Column("Desired", "integer", 0, o -> o.path("spec").path("replicas").asInt(1)),
                    new Column("Current", "integer", 0, o -> o.path("status").path("replicas").asInt()),
                    new Column("Ready", "integer", 0, o -> o.path("status").path("readyReplicas").asInt()),
                    age);
            case "Namespace" -> List.of(name,
                    new Column("Status", "string", 0, o -> o.path("status").path("phase").asText("Active")),
                    age);
            case "Node" -> List.of(name,
                    new Column("Status", "string", 0, TableColumns::nodeStatus),
                    new Column("Roles", "string", 0, TableColumns::nodeRoles),
                    age,
                    new Column("Version", "string", 0, o -> o.path("status").path("nodeInfo")
                            .path("kubeletVersion").asText()),
                    new Column("Internal-IP", "string", 1, o -> address(o, "InternalIP")),
                    new Column("External-IP", "string", 1, o -> address(o, "ExternalIP")),
                    new Column("OS-Image", "string", 1, o -> o.path("status").path("nodeInfo").path("osImage")
                            .asText()),
                    new Column("Kernel-Version", "string", 1, o -> o.path("status").path("nodeInfo")
                            .path("kernelVersion").asText()),
                    new Column("Container-Runtime", "string", 1, o -> o.path("status").path("nodeInfo")
                            .path("containerRuntimeVersion").asText()));
            case "Service" -> List.of(name,
                    new Column("Type", "string", 0, o -> o.path("spec").path("type").asText("ClusterIP")),
                    new Column("Cluster-IP", "string", 0, o -> orNone(o.path("spec").path("clusterIP").asText())),
                    new Column("External-IP", "string", 0, o -> "<none>"),
                    new Column("Port(s)", "string", 0, TableColumns::servicePorts),
                    age,
                    new Column("Selector", "string", 1, o -> labels(o.path("spec").path("selector"))));
            case "Ingress" -> List.of(name,
                    new Column("Class", "string", 0, o -> orNone(o.path("spec").path("ingressClassName").asText())),
                    new Column("Hosts", "string", 0, TableColumns::ingressHosts),
                    new Column("Address", "string", 0, o -> ""),
                    new Column("Ports", "string", 0, o -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"),
                    age);
            case "ConfigMap" -> List.of(name,
                    new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("binaryData").size()),
                    age);
            case "Secret" -> List.of(name,
                    new Column("Type", "string", 0, o -> o.path("type").asText("Opaque")),
                    new Column("Data", "integer", 0, o -> o.path("data").size() + o.path("stringData").size()),
                    age);
            case "ResourceQuota" -> List.of(name, age,
                    new Column("Request", "string", 0, o -> quota(o, false)),
                    new Column("Limit", "string", 0, o -> quota(o, true)));
            case "NetworkPolicy" -> List.of(name,
                    new Column("Pod-Selector", "string", 0, o -> {
                        String s = labels(o.path("spec").path("podSelector").path("matchLabels"));
                        return s.equals("<none>") ? "<none>" : s;
                    }),
                    age);
            default -> List.of(name, age);
        };
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (s.path("ready").asBoolean()) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** The STATUS column: the phase, or the reason a container waits or ended, as kubectl's printPod finds it. */
    private static String podStatus(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
        boolean running = false;
        for (JsonNode s : status.path("containerStatuses")) {
            JsonNode state = s.path("state");
            if (state.has("waiting") && !state.path("waiting").path("reason").asText().isEmpty()) {
                reason = state.path("waiting").path("reason").asText();
            } else if (state.has("terminated") && !state.path("terminated").path("reason").asText().isEmpty()) {
                reason = state.path("terminated").path("reason").asText();
            } else if (state.has("terminated")) {
                reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
            } else if (s.path("ready").asBoolean() && state.has("running")) {
                running = true;
            }
        }
        if (reason.equals("Completed") && running) {
            reason = "Running";
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            reason = "Terminating";
        }
        return reason;
    }

    private static String podRestarts(JsonNode pod, Instant now) {
        int restarts = 0;
        String lastFinished = null;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            restarts += s.path("restartCount").asInt();
            String finished = s.path("lastState").path("terminated").path("finishedAt").asText(null);
            if (finished != null && (lastFinished == null || finished.compareTo(lastFinished) > 0)) {
                lastFinished = finished;
            }
        }
        if (restarts > 0 && lastFinished != null) {
            try {
                return restarts + " (" + ApiTables.humanDuration(Duration.between(Instant.parse(lastFinished), now)) + " ago)";
            } catch (RuntimeException e) {
                return Integer.toString(restarts);
            }
        }
        return Integer.toString(restarts);
    }

    private static String nodeStatus(JsonNode node) {
        String ready = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                ready = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean() ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeRoles(JsonNode node) {
        StringJoiner roles = new StringJoiner(",");
        Iterator<String> names = node.path("metadata").path("labels").fieldNames();
        while (names.hasNext()) {
            String label = names.next();
            if (label.startsWith("node-role.kubernetes.io/")) {
                roles.add(label.substring("node-role.kubernetes.io/".length()));
            }
        }
        return roles.length() == 0 ? "<none>" : roles.toString();
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String containers(JsonNode deployment, String field) {
        StringJoiner names = new StringJoiner(",");
        deployment.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> names.add(c.path(field).asText()));
        return names.toString();
    }

    private static String labels(JsonNode map) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            return "<none>";
        }
        StringJoiner all = new StringJoiner(",");
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            all.add(e.getKey() + "=" + e.getValue().asText());
        }
        return all.toString();
    }

    private static String servicePorts(JsonNode service) {
        StringJoiner ports = new StringJoiner(",");
        for (JsonNode p : service.path("spec").path("ports")) {
            String port = p.path("port").asText() + (p.has("nodePort") ? ":" + p.path("nodePort").asText() : "");
            ports.add(port + "/" + p.path("protocol").asText("TCP"));
        }
        return ports.length() == 0 ? "<none>" : ports.toString();
    }

    private static String ingressHosts(JsonNode ingress) {
        StringJoiner hosts = new StringJoiner(",");
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            hosts.add(rule.path("host").asText("*"));
        }
        return hosts.length() == 0 ? "*" : hosts.toString();
    }

    /** {@code requests.cpu: 500m/4, ...}: used (from the status, 0 without one) over hard, requests or limits. */
    private static String quota(JsonNode quota, boolean limits) {
        StringJoiner all = new StringJoiner(", ");
        JsonNode hard = quota.path("spec").path("hard");
        JsonNode used = quota.path("status").path("used");
        for (Iterator<String> it = hard.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.startsWith("limits.") == limits) {
                all.add(key + ": " + used.path(key).asText("0") + "/" + hard.path(key).asText());
            }
        }
        return all.toString();
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "<none>" : value;
    }
}
