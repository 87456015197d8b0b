package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

import java.util.List;

/**
 * The rights of the platform inside one owner namespace, created with the namespace: the deployer's namespaced
 * ClusterRole for the deployer's group, the reader's for the group of the cluster-reading routes, the messenger's
 * (the service proxy to the agents) for the group of the messages routes. No group holds those rights anywhere else
 * (infra-cdk/k8s/*-rbac.yaml grant cluster-wide only what creating this needs, and the messenger nothing at all).
 */
final class OwnerRoleBinding {

    static final String DEPLOYER_GROUP = "agent-launchpad-deployer";
    static final String DEPLOYER_ROLE = "agent-launchpad-deployer-namespaced";
    static final String READER_GROUP = "agent-launchpad-reader";
    static final String READER_ROLE = "agent-launchpad-reader-namespaced";
    static final String MESSENGER_GROUP = "agent-launchpad-messenger";
    static final String MESSENGER_ROLE = "agent-launchpad-messenger-namespaced";

    private OwnerRoleBinding() {
    }

    static List<RoleBinding> desired(String namespace, String owner) {
        return List.of(binding(namespace, owner, DEPLOYER_ROLE, DEPLOYER_GROUP),
                binding(namespace, owner, READER_ROLE, READER_GROUP),
                binding(namespace, owner, MESSENGER_ROLE, MESSENGER_GROUP));
    }

    private static RoleBinding binding(String namespace, String owner, String clusterRole, String group) {
        return new RoleBindingBuilder()
                .withNewMetadata().withName(group).withNamespace(namespace)
                .withLabels(AgentNames.ownerLabels(owner)).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(clusterRole).endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName(group)
                .endSubject()
                .build();
    }
}
