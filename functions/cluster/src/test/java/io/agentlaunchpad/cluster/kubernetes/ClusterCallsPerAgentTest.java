package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.NamespaceState;
import io.agentlaunchpad.cluster.OwnerObjectsMissingException;
import io.agentlaunchpad.emulators.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kubernetes calls per object on the simulated cluster, which answers server-side apply itself: one PATCH per object
 * applied (no GET+PUT fallback), whether the object is new or unchanged; an apply into a namespace that is gone
 * says so, so the deployer re-applies the owner's objects instead of creating an agent without them.
 */
class ClusterCallsPerAgentTest {

    static SimulatedCluster simulated;
    static KubernetesClient client;
    static KubernetesCluster cluster;
    static ClusterConfig config;
    static final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("calls-per-agent");
        simulated = SimulatedCluster.start(home.resolve("kubeconfig"), Duration.ZERO);
        Interceptor recorder = new Interceptor() {
            @Override
            public void after(HttpRequest request, HttpResponse<?> response,
                              AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                String query = request.uri().getQuery();
                calls.add(request.method() + " " + response.code() + " "
                        + (query != null && query.contains("fieldManager=") ? "apply" : "other"));
            }
        };
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null,
                        Files.readString(simulated.kubeconfig()), simulated.kubeconfig().toString()))
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", recorder)).build();
        config = new SmallRyeConfigBuilder().addDefaultSources()
                .withConverter(Duration.class, 100, new DurationConverter()).withMapping(ClusterConfig.class).build()
                .getConfigMapping(ClusterConfig.class);
        cluster = new KubernetesCluster(client, config);
    }

    @AfterAll
    static void stop() {
        client.close();
        simulated.close();
    }

    @BeforeEach
    void forget() {
        calls.clear();
    }

    @Test
    void aNewOwnerIsOneServerSideApplyPerOwnerObject_andEachAgentOnePerAgentObject() {
        String namespace = AgentNames.namespace(config.namespacePrefix(), "user-calls");
        cluster.applyOwner(namespace, "user-calls");
        // Namespace, three RoleBindings, ResourceQuota, LimitRange, NetworkPolicy
        assertThat(calls).hasSize(7).allMatch(c -> c.equals("PATCH 201 apply"));

        calls.clear();
        AgentWorkload first = ClusterCallsRbacTest.workload("user-calls", namespace, "agent-calls0000001");
        cluster.applyAgent(first);
        assertThat(calls).hasSize(5).allMatch(c -> c.equals("PATCH 201 apply"));

        calls.clear();
        cluster.applyAgent(first);
        assertThat(calls).as("an unchanged agent re-applied").hasSize(5)
                .allMatch(c -> c.equals("PATCH 200 apply"));
    }

    @Test
    void anApplyIntoAMissingNamespaceAsksForTheOwnersObjects() {
        AgentWorkload orphan = ClusterCallsRbacTest.workload("user-gone", "agents-gone", "agent-calls0000002");
        assertThatThrownBy(() -> cluster.applyAgent(orphan)).isInstanceOf(OwnerObjectsMissingException.class);
        assertThat(client.configMaps().inNamespace("agents-gone").list().getItems()).isEmpty();
    }

    @Test
    void aDriftSweepReadsANamespaceWithOneCallPerKind_andFindsDriftOnlyWhereThereIs() {
        String owner = "user-sweep";
        String namespace = AgentNames.namespace(config.namespacePrefix(), owner);
        cluster.applyOwner(namespace, owner);
        List<AgentWorkload> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(ClusterCallsRbacTest.workload(owner, namespace, "agent-sweep00000" + i));
            cluster.applyAgent(agents.get(i));
        }
        calls.clear();

        NamespaceState state = cluster.readNamespace(namespace, owner);

        // 5 agent kinds and the pods listed, 7 owner objects read: the same for 3 agents or 300
        assertThat(calls).hasSize(5 + 1 + 7).allMatch(c -> c.equals("GET 200 other"));
        assertThat(state.ownerDrift()).isEmpty();
        assertThat(agents).allSatisfy(w -> assertThat(state.drift(w)).as("as applied").isEmpty());
        assertThat(state.observe(agents.get(0).agent().agentId())).isPresent();

        client.services().inNamespace(namespace).withName(agents.get(1).agent().agentId()).delete();
        client.apps().deployments().inNamespace(namespace).withName(agents.get(2).agent().agentId())
                .edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                            .setAllowPrivilegeEscalation(true);
                    return d;
                });
        client.resourceQuotas().inNamespace(namespace).delete();
        NamespaceState drifted = cluster.readNamespace(namespace, owner);

        assertThat(drifted.drift(agents.get(0))).isEmpty();
        assertThat(drifted.drift(agents.get(1))).containsExactly("Service");
        assertThat(drifted.missing(agents.get(1).agent().agentId())).containsExactly("Service");
        assertThat(drifted.drift(agents.get(2))).containsExactly("Deployment");
        assertThat(drifted.ownerDrift()).hasSize(1).allMatch(o -> o.startsWith("ResourceQuota "));
    }
}
