package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.util.Map;

/** The ElizaOS v1 character file, mounted read-only at {@code /etc/elizaos/character.json}. No secret goes here. */
final class CharacterConfigMap {

    static final String KEY = "character.json";

    private CharacterConfigMap() {
    }

    static ConfigMap desired(AgentWorkload w) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(AgentNames.configMap(w.agent().agentId())).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), w.agent().agentId())).endMetadata()
                .withData(Map.of(KEY, w.characterJson()))
                .build();
    }
}
