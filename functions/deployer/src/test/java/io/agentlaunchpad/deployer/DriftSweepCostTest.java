package io.agentlaunchpad.deployer;

import io.agentlaunchpad.scan.EcrStubResource;
import io.agentlaunchpad.testing.BackendsResource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a drift sweep costs in Kubernetes calls: for an owner's namespace, one list per agent kind, one of the pods
 * and one read per owner object, whatever the number of agents in it; no call names an agent; an agent in sync is
 * not written.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(EcrStubResource.class)
class DriftSweepCostTest extends DeployerFixture {

    /** ConfigMap, Secret, Deployment, Service, Ingress and the pods listed; the 7 owner objects read. */
    static final int CALLS_PER_NAMESPACE = 5 + 1 + 7;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aSweepReadsEachNamespaceOnce_whateverTheNumberOfItsAgents() throws Exception {
        String owner = newUser();
        List<String> agentIds = new ArrayList<>();
        agentIds.add(deployed(owner));
        agentIds.add(deployed(owner));
        List<String> withTwo = sweepCalls(owner);
        for (int i = 0; i < 4; i++) {
            agentIds.add(deployed(owner));
        }
        List<String> withSix = sweepCalls(owner);

        assertThat(withTwo).as("a sweep over 2 agents").hasSize(CALLS_PER_NAMESPACE).allMatch(c -> c.startsWith("GET "));
        assertThat(withSix).as("a sweep over 6 agents").hasSize(CALLS_PER_NAMESPACE)
                .allMatch(c -> c.startsWith("GET "));
        assertThat(withSix).noneMatch(call -> agentIds.stream().anyMatch(call::contains));
    }

    /** The calls a settled sweep makes about the owner's namespace (a first sweep settles what earlier tests left). */
    private List<String> sweepCalls(String owner) throws InterruptedException {
        functions.reconcile();
        drain();
        functions.reconcile();
        String namespace = namespace(owner);
        List<String> calls = new ArrayList<>();
        for (RecordedRequest request : drain()) {
            String path = request.getPath().split("\\?")[0];
            if (path.endsWith("/namespaces/" + namespace) || path.contains("/namespaces/" + namespace + "/")) {
                calls.add(request.getMethod() + " " + request.getPath());
            }
        }
        return calls;
    }

    private List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }
}
