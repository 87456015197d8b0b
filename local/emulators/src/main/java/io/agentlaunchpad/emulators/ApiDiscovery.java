package io.agentlaunchpad.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of the simulated API server ({@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/<group>/<version>}, {@code /version}): the legacy (unaggregated) form, which every client accepts
 * when it asks for the aggregated one. Without them the CRUD mock answers {@code /api} with a list of every stored
 * object and {@code kubectl} knows no resource type. Only what the platform writes and reads is listed.
 */
final class ApiDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> READ_VERBS = List.of("get", "list");

    /** One resource of a group version; {@code kind} null for a subresource that has the parent's. */
    record Resource(String name, String singular, String kind, boolean namespaced, List<String> verbs,
                    List<String> shortNames, List<String> categories) {
    }

    /** group version ("v1" for the core group) to its resources, in the order discovery lists them. */
    private static final Map<String, List<Resource>> GROUP_VERSIONS = new LinkedHashMap<>();

    static {
        GROUP_VERSIONS.put("v1", List.of(
                new Resource("namespaces", "namespace", "Namespace", false, ALL_VERBS, List.of("ns"), List.of()),
                new Resource("nodes", "node", "Node", false, ALL_VERBS, List.of("no"), List.of()),
                new Resource("pods", "pod", "Pod", true, ALL_VERBS, List.of("po"), List.of("all")),
                new Resource("pods/log", "", "Pod", true, List.of("get"), List.of(), List.of()),
                new Resource("pods/status", "", "Pod", true, List.of("get", "patch", "update"), List.of(), List.of()),
                new Resource("services", "service", "Service", true, ALL_VERBS, List.of("svc"), List.of("all")),
                new Resource("configmaps", "configmap", "ConfigMap", true, ALL_VERBS, List.of("cm"), List.of()),
                new Resource("secrets", "secret", "Secret", true, ALL_VERBS, List.of(), List.of()),
                new Resource("resourcequotas", "resourcequota", "ResourceQuota", true, ALL_VERBS,
                        List.of("quota"), List.of()),
                new Resource("limitranges", "limitrange", "LimitRange", true, ALL_VERBS, List.of("limits"),
                        List.of()),
                new Resource("events", "event", "Event", true, ALL_VERBS, List.of("ev"), List.of()),
                new Resource("serviceaccounts", "serviceaccount", "ServiceAccount", true, ALL_VERBS,
                        List.of("sa"), List.of()),
                new Resource("endpoints", "endpoints", "Endpoints", true, ALL_VERBS, List.of("ep"), List.of())));
        GROUP_VERSIONS.put("apps/v1", List.of(
                new Resource("deployments", "deployment", "Deployment", true, ALL_VERBS, List.of("deploy"),
                        List.of("all")),
                new Resource("deployments/scale", "", "Scale", true, List.of("get", "patch", "update"), List.of(),
                        List.of()),
                new Resource("deployments/status", "", "Deployment", true, List.of("get", "patch", "update"),
                        List.of(), List.of()),
                new Resource("replicasets", "replicaset", "ReplicaSet", true, ALL_VERBS, List.of("rs"),
                        List.of("all")),
                new Resource("statefulsets", "statefulset", "StatefulSet", true, ALL_VERBS, List.of("sts"),
                        List.of("all")),
                new Resource("daemonsets", "daemonset", "DaemonSet", true, ALL_VERBS, List.of("ds"),
                        List.of("all"))));
        GROUP_VERSIONS.put("networking.k8s.io/v1", List.of(
                new Resource("ingresses", "ingress", "Ingress", true, ALL_VERBS, List.of("ing"), List.of()),
                new Resource("networkpolicies", "networkpolicy", "NetworkPolicy", true, ALL_VERBS,
                        List.of("netpol"), List.of()),
                new Resource("ingressclasses", "ingressclass", "IngressClass", false, ALL_VERBS, List.of(),
                        List.of())));
        GROUP_VERSIONS.put("metrics.k8s.io/v1beta1", List.of(
                new Resource("pods", "", "PodMetrics", true, READ_VERBS, List.of(), List.of()),
                new Resource("nodes", "", "NodeMetrics", false, READ_VERBS, List.of(), List.of())));
    }

    /** The version the server reports: the minor version of the kubectl it is tested with. */
    static final String MAJOR = "1";
    static final String MINOR = "32";

    private ApiDiscovery() {
    }

    /** The document at this path (no query), if it is a discovery path. */
    static Optional<JsonNode> document(String path, String serverAddress) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/api")) {
            ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", serverAddress);
            return Optional.of(versions);
        }
        if (p.equals("/apis")) {
            ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = list.putArray("groups");
            GROUP_VERSIONS.keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> {
                String[] parts = gv.split("/");
                ObjectNode group = groups.addObject().put("name", parts[0]);
                group.putArray("versions").addObject().put("groupVersion", gv).put("version", parts[1]);
                group.putObject("preferredVersion").put("groupVersion", gv).put("version", parts[1]);
            });
            return Optional.of(list);
        }
        if (p.startsWith("/apis/") && p.chars().filter(c -> c == '/').count() == 2) {
            String name = p.substring("/apis/".length());
            return GROUP_VERSIONS.keySet().stream().filter(gv -> gv.startsWith(name + "/")).findFirst().map(gv -> {
                String version = gv.substring(gv.indexOf('/') + 1);
                ObjectNode group = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1")
                        .put("name", name);
                group.putArray("versions").addObject().put("groupVersion", gv).put("version", version);
                group.putObject("preferredVersion").put("groupVersion", gv).put("version", version);
                return group;
            });
        }
        String groupVersion = p.equals("/api/v1") ? "v1" : p.startsWith("/apis/") ? p.substring("/apis/".length())
                : null;
        if (groupVersion != null && GROUP_VERSIONS.containsKey(groupVersion)) {
            ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                    .put("groupVersion", groupVersion);
            ArrayNode resources = list.putArray("resources");
            for (Resource r : GROUP_VERSIONS.get(groupVersion)) {
                ObjectNode resource = resources.addObject().put("name", r.name()).put("singularName", r.singular())
                        .put("namespaced", r.namespaced()).put("kind", r.kind());
                if (r.name().equals("deployments/scale")) {
                    resource.put("group", "autoscaling").put("version", "v1");
                }
                r.verbs().forEach(resource.putArray("verbs")::add);
                if (!r.shortNames().isEmpty()) {
                    r.shortNames().forEach(resource.putArray("shortNames")::add);
                }
                if (!r.categories().isEmpty()) {
                    r.categories().forEach(resource.putArray("categories")::add);
                }
            }
            return Optional.of(list);
        }
        if (p.equals("/version")) {
            return Optional.of(JSON.createObjectNode().put("major", MAJOR).put("minor", MINOR)
                    .put("gitVersion", "v" + MAJOR + "." + MINOR + ".0").put("gitCommit", "launchpad-simulated")
                    .put("gitTreeState", "clean").put("buildDate", "2025-01-01T00:00:00Z")
                    .put("goVersion", "simulated").put("compiler", "simulated")
                    .put("platform", "linux/amd64"));
        }
        return Optional.empty();
    }

    /** The kind served at {@code /api/v1/...} or {@code /apis/g/v/...} for this plural, if discovery lists it. */
    static Optional<Resource> resource(String groupVersion, String plural) {
        List<Resource> resources = GROUP_VERSIONS.get(groupVersion);
        return resources == null ? Optional.empty()
                : resources.stream().filter(r -> r.name().equals(plural)).findFirst();
    }
}
