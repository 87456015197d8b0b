package io.agentlaunchpad.infra.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's RBAC steps ({@code kubectl apply -f infra-cdk/k8s/deployer-rbac.yaml}, {@code reader-rbac.yaml} and
 * {@code messenger-rbac.yaml}),
 * done by the stack test with the fabric8 client instead of kubectl: the same objects from the same files, applied
 * server-side. They bind the Kubernetes groups the stack's EKS access entries put its roles in; the entries need
 * nothing applied before them, the deployer needs the bindings before its first agent. The messenger's file has a
 * ClusterRole only ({@code agent-launchpad-messenger-namespaced}): the deployer binds it to {@link #MESSENGER_GROUP}
 * inside each owner namespace it creates (functions/cluster OwnerRoleBinding). The groups are the cluster's,
 * shared by every stage on it, so the test applies this checkout's version (as an operator upgrading would) and
 * afterwards removes only the objects that were not there before it.
 */
record ClusterRbac(Map<String, List<HasMetadata>> objectsByFile) {

    static final List<String> FILES = List.of("deployer-rbac.yaml", "reader-rbac.yaml", "messenger-rbac.yaml");
    /** Server-side apply's field manager for what the test applies. */
    static final String FIELD_MANAGER = "agent-launchpad-e2e";
    /**
     * The group of the messages routes' access entries. No file binds it cluster-wide, so it is not read from a
     * ClusterRoleBinding: the deployer's RoleBindings (and its admission policy) name it.
     */
    static final String MESSENGER_GROUP = "agent-launchpad-messenger";

    static ClusterRbac load(Path k8sDirectory) {
        Map<String, List<HasMetadata>> objects = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : FILES) {
            List<HasMetadata> documents = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(k8sDirectory.resolve(file))) {
                for (Object document : new Yaml().loadAll(reader)) {
                    if (document != null) {
                        documents.add(Serialization.unmarshal(json.writeValueAsString(document)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + k8sDirectory.resolve(file), e);
            }
            objects.put(file, List.copyOf(documents));
        }
        return new ClusterRbac(objects);
    }

    /** Every object, file by file, each file's in its own order (a ClusterRole before the binding naming it). */
    List<HasMetadata> objects() {
        return objectsByFile.values().stream().flatMap(List::stream).toList();
    }

    /** The one Kubernetes group {@code file}'s ClusterRoleBinding binds (what an access entry must name). */
    String groupBoundIn(String file) {
        List<String> groups = objectsByFile.get(file).stream()
                .filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .flatMap(b -> b.getSubjects().stream()).filter(s -> "Group".equals(s.getKind()))
                .map(Subject::getName).distinct().toList();
        if (groups.size() != 1) {
            throw new IllegalStateException(file + " binds " + groups + ", not exactly one group");
        }
        return groups.get(0);
    }

    /**
     * Applies every object, adding to {@code created} each one that did not exist before (the only ones
     * {@link #remove} deletes) as soon as it is applied, so that a failure half-way leaves nothing unaccounted for.
     */
    void apply(KubernetesClient client, List<HasMetadata> created) {
        for (HasMetadata object : objects()) {
            boolean existed = client.resource(object).get() != null;
            client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            if (!existed) {
                created.add(object);
            }
        }
    }

    /** Deletes {@code created}, bindings first. */
    static void remove(KubernetesClient client, List<HasMetadata> created) {
        List<HasMetadata> reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        for (HasMetadata object : reversed) {
            client.resource(object).delete();
        }
    }

    static String describe(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
