package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.NamespaceState;
import io.agentlaunchpad.cluster.Observation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapter: one owner's namespace read for a drift sweep. The agents' objects and pods come from one list per kind
 * (selected by the managed-by label), the owner's objects from one read each; the comparisons are made in memory.
 */
final class KubernetesNamespaceState implements NamespaceState {

    private final ClusterConfig config;
    /** kind -> object name -> live object */
    private final Map<String, Map<String, HasMetadata>> agentObjects;
    private final Map<String, List<Pod>> podsByAgent;
    private final List<String> ownerDrift;

    private KubernetesNamespaceState(ClusterConfig config, Map<String, Map<String, HasMetadata>> agentObjects,
                                     Map<String, List<Pod>> podsByAgent, List<String> ownerDrift) {
        this.config = config;
        this.agentObjects = agentObjects;
        this.podsByAgent = podsByAgent;
        this.ownerDrift = ownerDrift;
    }

    static KubernetesNamespaceState read(KubernetesClient client, ClusterConfig config, String namespace,
                                         List<HasMetadata> ownerObjects) {
        List<String> ownerDrift = ownerObjects.stream().filter(desired -> {
            HasMetadata live = client.resource(desired).get();
            return live == null || !DesiredFields.heldBy(desired, live);
        }).map(desired -> desired.getKind() + " " + desired.getMetadata().getName()).toList();
        Map<String, Map<String, HasMetadata>> objects = new HashMap<>();
        for (AgentKind kind : AgentKind.AGENT) {
            Map<String, HasMetadata> byName = new HashMap<>();
            kind.managed(client, namespace).forEach(o -> byName.put(o.getMetadata().getName(), o));
            objects.put(kind.kind(), byName);
        }
        Map<String, List<Pod>> pods = new HashMap<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER)
                .list().getItems()) {
            String agentId = pod.getMetadata().getLabels().get(AgentNames.AGENT_ID);
            if (agentId != null) {
                pods.computeIfAbsent(agentId, id -> new ArrayList<>()).add(pod);
            }
        }
        return new KubernetesNamespaceState(config, objects, pods, ownerDrift);
    }

    @Override
    public List<String> ownerDrift() {
        return ownerDrift;
    }

    @Override
    public Optional<Observation> observe(String agentId) {
        return Optional.ofNullable((Deployment) live(deploymentKind(), agentId))
                .map(d -> DeploymentObservation.of(d, podsByAgent.getOrDefault(agentId, List.of())));
    }

    @Override
    public List<String> missing(String agentId) {
        return AgentKind.AGENT.stream().filter(kind -> live(kind, agentId) == null).map(AgentKind::kind).toList();
    }

    @Override
    public List<String> drift(AgentWorkload desired) {
        return AgentKind.AGENT.stream().filter(kind -> {
            HasMetadata live = live(kind, desired.agent().agentId());
            return live == null || !DesiredFields.heldBy(kind.desired().apply(desired, config), live);
        }).map(AgentKind::kind).toList();
    }

    private HasMetadata live(AgentKind kind, String agentId) {
        return agentObjects.getOrDefault(kind.kind(), Map.of()).get(kind.objectName().apply(agentId));
    }

    private static AgentKind deploymentKind() {
        return AgentKind.AGENT.stream().filter(k -> Objects.equals(k.kind(), "Deployment")).findFirst().orElseThrow();
    }
}
