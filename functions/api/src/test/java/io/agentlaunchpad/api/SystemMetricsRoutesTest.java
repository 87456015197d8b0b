package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.agents.Personality;
import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentCounts;
import io.agentlaunchpad.agents.dynamodb.DynamoAgentStore;
import io.agentlaunchpad.counters.DeploymentCounters;
import io.agentlaunchpad.counters.dynamodb.DynamoDeploymentCounters;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.agentlaunchpad.api.Responses.SECOND_TIMESTAMP;
import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/system/metrics}: counters kept on transitions (also when they race), cluster resources. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@QuarkusTestResource(RegistryStubResource.class)
class SystemMetricsRoutesTest {

    @Inject
    SystemFunctions system;

    @Inject
    AgentFunctions agents;

    @Inject
    AgentStore store;

    @Inject
    DeploymentCounters counters;

    @Inject
    KubernetesClient kube;

    @Inject
    DynamoDbClient dynamo;

    JsonNode metrics() {
        ProxyResponse response = system.getSystemMetrics(Events.api("getSystemMetrics").admin("admin-ops").request());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    static Agent agent(String owner) {
        String id = "agent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AgentSpec spec = new AgentSpec("bot", null, new Personality(null, List.of("bio"), List.of(), List.of()),
                List.of(), new Resources("1Gi", "500m", 1));
        Instant now = Instant.now();
        return new Agent(id, owner, spec, "sealed", Map.of(), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null, null);
    }

    @Test
    void getSystemMetrics_isForAdminsOnly() {
        error(system.getSystemMetrics(Events.api("getSystemMetrics").user(newUser()).request()), 403,
                "INSUFFICIENT_PERMISSIONS");
        error(system.getSystemMetrics(Events.api("getSystemMetrics").viewer(newUser()).request()), 403,
                "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void getSystemMetrics_countsCreatesDeploysFailuresAndDeletesAsTheyHappen() {
        JsonNode before = metrics().get("system");
        String owner = newUser();
        ProxyResponse created = agents.createAgent(Events.api("createAgent").user(owner).request());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String agentId = body(created).get("agentId").asText();
        String failing = body(agents.createAgent(Events.api("createAgent").user(owner).request()))
                .get("agentId").asText();

        JsonNode afterCreate = metrics().get("system");
        assertThat(afterCreate.get("totalAgents").asLong()).isEqualTo(before.get("totalAgents").asLong() + 2);

        // the deployer's transitions
        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYING, 0, null, null)).isTrue();
        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYED, 1, null, Instant.now())).isTrue();
        assertThat(store.recordObserved(failing, 1, AgentStatus.FAILED, 0, "CrashLoopBackOff", null)).isTrue();
        // a redelivered observation writes again but is no new transition
        assertThat(store.recordObserved(agentId, 1, AgentStatus.DEPLOYED, 1, null, Instant.now())).isTrue();

        JsonNode deployed = metrics().get("system");
        assertThat(deployed.get("runningAgents").asLong()).isEqualTo(before.get("runningAgents").asLong() + 1);
        assertThat(deployed.get("failedAgents").asLong()).isEqualTo(before.get("failedAgents").asLong() + 1);
        JsonNode d0 = before.get("deployments");
        JsonNode d1 = deployed.get("deployments");
        assertThat(d1.get("successful").asLong()).isEqualTo(d0.get("successful").asLong() + 1);
        assertThat(d1.get("failed").asLong()).isEqualTo(d0.get("failed").asLong() + 1);
        double expectedRate = Math.round(100_000.0 * d1.get("successful").asLong()
                / (d1.get("successful").asLong() + d1.get("failed").asLong())) / 1000.0;
        assertThat(d1.get("successRate").asDouble()).isEqualTo(expectedRate);

        // the API's delete: DEPLOYED -> DELETING stops counting it as running; the deployer's removal as existing
        assertThat(agents.deleteAgent(Events.api("deleteAgent").user(owner).agentId(agentId).request()).statusCode())
                .isEqualTo(202);
        JsonNode deleting = metrics().get("system");
        assertThat(deleting.get("runningAgents").asLong()).isEqualTo(before.get("runningAgents").asLong());
        assertThat(deleting.get("totalAgents").asLong()).isEqualTo(before.get("totalAgents").asLong() + 2);
        assertThat(store.deleteObserved(agentId, 2)).isTrue();
        JsonNode removed = metrics().get("system");
        assertThat(removed.get("totalAgents").asLong()).isEqualTo(before.get("totalAgents").asLong() + 1);
        assertThat(removed.get("failedAgents").asLong()).isEqualTo(before.get("failedAgents").asLong() + 1);
        assertThat(metrics().get("timestamp").asText()).matches(SECOND_TIMESTAMP);
    }

    @Test
    void counters_stayRightWhenTheSameTransitionRacesAndWhenTransitionsInterleave() throws Exception {
        String key = "counters-race-" + UUID.randomUUID();
        var tables = new io.agentlaunchpad.tables.TableSet(dynamo, BackendsResource.current().prefix);
        DynamoDeploymentCounters own = new DynamoDeploymentCounters(tables, key);
        DynamoAgentStore racing = new DynamoAgentStore(tables, new DynamoAgentCounts(tables), own);
        List<Agent> created = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Agent a = agent(newUser());
            racing.create(a);
            racing.recordObserved(a.agentId(), 1, AgentStatus.DEPLOYING, 0, null, null);
            created.add(a);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (Agent a : created) {
                // four deliveries of the same "ready" observation per agent, all at once
                for (int j = 0; j < 4; j++) {
                    tasks.add(() -> racing.recordObserved(a.agentId(), 1, AgentStatus.DEPLOYED, 1, null, Instant.now()));
                }
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                f.get();
            }
            DeploymentCounters.Totals deployed = own.totals();
            assertThat(deployed.totalAgents()).isEqualTo(8);
            assertThat(deployed.runningAgents()).isEqualTo(8);
            assertThat(deployed.successfulDeployments()).isEqualTo(8);

            // half fail while the other half are removed, concurrently
            tasks.clear();
            for (int i = 0; i < created.size(); i++) {
                Agent a = created.get(i);
                if (i % 2 == 0) {
                    tasks.add(() -> racing.recordObserved(a.agentId(), 1, AgentStatus.FAILED, 0, "OOMKilled", null));
                    tasks.add(() -> racing.recordObserved(a.agentId(), 1, AgentStatus.FAILED, 0, "OOMKilled", null));
                } else {
                    tasks.add(() -> racing.deleteObserved(a.agentId(), 1));
                    tasks.add(() -> racing.deleteObserved(a.agentId(), 1));
                }
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        DeploymentCounters.Totals after = own.totals();
        assertThat(after.totalAgents()).isEqualTo(4);
        assertThat(after.runningAgents()).isZero();
        assertThat(after.failedAgents()).isEqualTo(4);
        assertThat(after.failedDeployments()).isEqualTo(4);
        assertThat(after.successfulDeployments()).isEqualTo(8);
    }

    @Test
    void getSystemMetrics_resourcesAreAllocatableAgainstRequestsOfUnfinishedPodsOfManagedNamespaces() {
        kube.pods().inAnyNamespace().delete();
        kube.nodes().delete();
        for (String name : List.of("node-1", "node-2")) {
            kube.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                    .addToAllocatable("cpu", new Quantity("4"))
                    .addToAllocatable("memory", new Quantity("8Gi"))
                    .addToAllocatable("ephemeral-storage", new Quantity("100Gi"))
                    .endStatus().build()).create();
        }
        for (String namespace : List.of("agents-a", "agents-b")) {
            kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(namespace).addToLabels("app.kubernetes.io/managed-by", "agent-launchpad").endMetadata()
                    .build()).createOr(r -> r.update());
        }
        // Outside the managed namespaces: the reader may not read it, so it is not counted.
        pod("kube-system", "coredns", "4", "4Gi", "10Gi", "Running");
        pod("agents-a", "running-1", "1500m", "2Gi", "10Gi", "Running");
        pod("agents-b", "pending-1", "500m", "2Gi", null, "Pending");
        pod("agents-b", "done-1", "2", "4Gi", "10Gi", "Succeeded");

        JsonNode resources = metrics().get("resources");
        assertThat(resources.get("cpu").get("total").asDouble()).isEqualTo(8.0);
        assertThat(resources.get("cpu").get("used").asDouble()).isEqualTo(2.0);
        assertThat(resources.get("cpu").get("percentage").asDouble()).isEqualTo(25.0);
        assertThat(resources.get("memory").get("total").isIntegralNumber()).as("bytes are written as integers").isTrue();
        assertThat(resources.get("memory").get("total").asDouble()).isEqualTo(16.0 * 1024 * 1024 * 1024);
        assertThat(resources.get("memory").get("used").asDouble()).isEqualTo(4.0 * 1024 * 1024 * 1024);
        assertThat(resources.get("memory").get("percentage").asDouble()).isEqualTo(25.0);
        assertThat(resources.get("storage").get("total").asDouble()).isEqualTo(200.0 * 1024 * 1024 * 1024);
        assertThat(resources.get("storage").get("used").asDouble()).isEqualTo(10.0 * 1024 * 1024 * 1024);
        assertThat(resources.get("storage").get("percentage").asDouble()).isEqualTo(5.0);
        kube.pods().inAnyNamespace().delete();
    }

    void pod(String namespace, String name, String cpu, String memory, String storage, String phase) {
        var requests = new java.util.HashMap<String, Quantity>(Map.of("cpu", new Quantity(cpu),
                "memory", new Quantity(memory)));
        if (storage != null) {
            requests.put("ephemeral-storage", new Quantity(storage));
        }
        kube.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata().withNewSpec().addNewContainer().withName("agent")
                .withNewResources().withRequests(requests).endResources().endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
    }
}
