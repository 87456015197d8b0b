package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.Cluster;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.Observation;
import io.agentlaunchpad.cluster.OwnerObjectsMissingException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        apply(OwnerNamespace.desired(namespace, owner));
        // The deployer's rights inside the namespace come from its RoleBinding: it goes before anything namespaced.
        OwnerRoleBinding.desired(namespace, owner).forEach(this::apply);
        apply(OwnerQuota.desired(namespace, owner, config.quota()));
        apply(OwnerLimitRange.desired(namespace, owner, config.storage()));
        apply(OwnerNetworkPolicy.desired(namespace, owner, config));
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
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        List<Observation.Condition> conditions = status.getConditions() == null ? List.of()
                : status.getConditions().stream().map(c -> new Observation.Condition(c.getType(), c.getStatus(),
                c.getReason(), c.getMessage())).toList();
        List<Observation.PodState> pods = client.pods().inNamespace(namespace)
                .withLabel(AgentNames.AGENT_ID, agentId).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(KubernetesCluster::podState).toList();
        String checksum = deployment.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
                : deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(AgentDeployment.CONFIG_CHECKSUM);
        return Optional.of(new Observation(
                deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas(),
                orZero(status.getReadyReplicas()), orZero(status.getUpdatedReplicas()),
                observed >= generation,
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), checksum,
                appliedGeneration(deployment), conditions, pods));
    }

    private static long appliedGeneration(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(AgentDeployment.GENERATION);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public List<String> missingObjects(String namespace, String agentId) {
        return AgentKind.AGENT.stream().filter(kind -> !kind.exists(client, namespace, agentId))
                .map(AgentKind::kind).toList();
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

    private static Observation.PodState podState(Pod pod) {
        var status = pod.getStatus();
        boolean ready = false;
        String unschedulable = null;
        if (status != null && status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                    ready = true;
                }
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason())) {
                    unschedulable = c.getMessage() == null ? "Unschedulable" : c.getMessage();
                }
            }
        }
        String waiting = null;
        String waitingMessage = null;
        String terminated = null;
        String lastTerminated = null;
        String lastTerminatedMessage = null;
        int restarts = 0;
        if (status != null && status.getContainerStatuses() != null) {
            for (ContainerStatus cs : status.getContainerStatuses()) {
                restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
                if (cs.getState() != null && cs.getState().getWaiting() != null) {
                    waiting = cs.getState().getWaiting().getReason();
                    waitingMessage = cs.getState().getWaiting().getMessage();
                }
                if (cs.getState() != null && cs.getState().getTerminated() != null) {
                    terminated = cs.getState().getTerminated().getReason();
                }
                if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
                    lastTerminated = cs.getLastState().getTerminated().getReason();
                    lastTerminatedMessage = cs.getLastState().getTerminated().getMessage();
                }
            }
        }
        Instant started = status == null || status.getStartTime() == null ? null : Instant.parse(status.getStartTime());
        return new Observation.PodState(pod.getMetadata().getName(), status == null ? null : status.getPhase(), ready,
                started, waiting, waitingMessage, terminated, lastTerminated, lastTerminatedMessage, restarts,
                unschedulable);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
