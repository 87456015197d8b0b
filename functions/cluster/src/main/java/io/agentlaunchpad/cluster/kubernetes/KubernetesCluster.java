package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.OwnerObjectsMissingException;
import io.agentlaunchpad.cluster.NamespaceState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adapter: the cluster through fabric8. Writes are server-side apply with one field manager, forced, so the
 * deployer owns every field it sets and re-applying the same desired state changes nothing.
 */
@ApplicationScoped
public class KubernetesCluster implements Cluster {

    private final KubernetesClient client;
    private final ClusterConfig config;

    @Inject
    public KubernetesCluster(KubernetesClient client, ClusterConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public void applyOwner(String namespace, String owner) {
        ownerObjects(namespace, owner).forEach(this::apply);
    }

    private List<HasMetadata> ownerObjects(String namespace, String owner) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(OwnerNamespace.desired(namespace, owner));
        // The deployer's rights inside the namespace come from its RoleBinding: it goes before anything namespaced.
        objects.addAll(OwnerRoleBinding.desired(namespace, owner));
        objects.add(OwnerQuota.desired(namespace, owner, config.quota()));
        objects.add(OwnerLimitRange.desired(namespace, owner, config.storage()));
        objects.add(OwnerNetworkPolicy.desired(namespace, owner, config));
        return objects;
    }

    @Override
    public void applyAgent(AgentWorkload w) {
        AgentKind.AGENT.forEach(kind -> apply(kind.desired().apply(w, config)));
    }

    @Override
    public boolean scale(String namespace, String agentId, int replicas) {
        // One merge patch of spec.replicas (what the scale subresource writes): no GET first, no PUT of a Scale, so
        // the deployer needs neither deployments/scale nor update.
        try {
            client.apps().deployments().inNamespace(namespace).withName(agentId)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Observation> observe(String namespace, String agentId) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(agentId).get();
        if (deployment == null) {
            return Optional.empty();
        }
        return Optional.of(DeploymentObservation.of(deployment, client.pods().inNamespace(namespace)
                .withLabel(AgentNames.AGENT_ID, agentId).list().getItems()));
    }

    @Override
    public NamespaceState readNamespace(String namespace, String owner) {
        return KubernetesNamespaceState.read(client, config, namespace, ownerObjects(namespace, owner));
    }

    @Override
    public void deleteAgent(String agentId) {
        // The record (and so the owner) may already be gone on a redelivery: every managed namespace, one at a time.
        for (var namespace : client.namespaces().withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER).list().getItems()) {
            deleteAgent(namespace.getMetadata().getName(), agentId);
        }
    }

    @Override
    public void deleteAgent(String namespace, String agentId) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = AgentKind.AGENT.size() - 1; i >= 0; i--) {
            objects.addAll(AgentKind.AGENT.get(i).labelled(client, namespace, agentId));
        }
        for (HasMetadata object : objects) {
            if (AgentNames.MANAGER.equals(object.getMetadata().getLabels().get(AgentNames.MANAGED_BY))) {
                client.resource(object).delete();
            }
        }
    }

    /**
     * Server-side apply, which every real API server (1.22+) and the local platform's simulated cluster answer: one
     * PATCH that creates or updates, so the deployer's RBAC needs patch and create, never update.
     */
    protected void apply(HasMetadata desired) {
        try {
            client.resource(desired).fieldManager(config.fieldManager()).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && desired.getMetadata().getNamespace() != null && e.getStatus() != null
                    && e.getStatus().getDetails() != null
                    && "namespaces".equals(e.getStatus().getDetails().getKind())) {
                throw new OwnerObjectsMissingException(desired.getMetadata().getNamespace(), e);
            }
            throw e;
        }
    }
}
