package io.agentlaunchpad.api;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the routes about one agent start from: a new owner, an agent of theirs created through the route (QUEUED,
 * nothing on the cluster yet), the namespace the platform gives that owner, and the client of that cluster.
 */
abstract class AgentOnClusterFixture {

    @Inject
    AgentFunctions agents;

    @Inject
    KubernetesClient kube;

    String owner;
    String agentId;
    String namespace;

    @BeforeEach
    void createAnAgent() {
        owner = newUser();
        ProxyResponse created = agents.createAgent(Events.api("createAgent").user(owner).request());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        agentId = body(created).get("agentId").asText();
        namespace = AgentNames.namespace("agents-", owner);
    }
}
