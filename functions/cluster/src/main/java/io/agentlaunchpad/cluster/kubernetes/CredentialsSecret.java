package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Platform and model credentials as the environment variables ElizaOS reads; the only place tokens are in clear. */
final class CredentialsSecret {

    private CredentialsSecret() {
    }

    static Secret desired(AgentWorkload w) {
        return new SecretBuilder()
                .withNewMetadata().withName(AgentNames.secret(w.agent().agentId())).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), w.agent().agentId())).endMetadata()
                .withType("Opaque")
                .withStringData(w.secretEnv())
                .build();
    }
}
