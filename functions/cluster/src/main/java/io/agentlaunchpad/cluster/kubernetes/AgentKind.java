package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One Kubernetes kind an agent is made of: its objects' name, where fabric8 reads them, and the desired object.
 * {@link #AGENT} lists them in apply order; deleting goes in reverse.
 */
record AgentKind(String kind, UnaryOperator<String> objectName,
                 Function<KubernetesClient, MixedOperation<? extends HasMetadata,
                         ? extends KubernetesResourceList<? extends HasMetadata>,
                         ? extends Resource<? extends HasMetadata>>> objects,
                 BiFunction<AgentWorkload, ClusterConfig, HasMetadata> desired) {

    /** The pods read the ConfigMap and Secret: they go first, so a new template never starts without them. */
    static final List<AgentKind> AGENT = List.of(
            new AgentKind("ConfigMap", AgentNames::configMap, KubernetesClient::configMaps,
                    (w, config) -> CharacterConfigMap.desired(w)),
            new AgentKind("Secret", AgentNames::secret, KubernetesClient::secrets,
                    (w, config) -> CredentialsSecret.desired(w)),
            new AgentKind("Deployment", agentId -> agentId, client -> client.apps().deployments(),
                    AgentDeployment::desired),
            new AgentKind("Service", agentId -> agentId, KubernetesClient::services,
                    (w, config) -> AgentHttpService.desired(w)),
            new AgentKind("Ingress", agentId -> agentId, client -> client.network().v1().ingresses(),
                    (w, config) -> AgentIngress.desired(w, config.ingress())));

    /** Every object of this kind the platform manages in the namespace, in one list call. */
    List<? extends HasMetadata> managed(KubernetesClient client, String namespace) {
        return objects.apply(client).inNamespace(namespace).withLabel(AgentNames.MANAGED_BY, AgentNames.MANAGER).list()
                .getItems();
    }

    List<? extends HasMetadata> labelled(KubernetesClient client, String namespace, String agentId) {
        return objects.apply(client).inNamespace(namespace).withLabel(AgentNames.AGENT_ID, agentId).list().getItems();
    }
}
