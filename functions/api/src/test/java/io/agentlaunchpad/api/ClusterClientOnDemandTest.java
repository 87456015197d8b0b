package io.agentlaunchpad.api;

import io.agentlaunchpad.http.ProxyRequest;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.funqy.Funq;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route that never reads the cluster (no READS_CLUSTER in the route table) never builds the Kubernetes client nor
 * reads its kubeconfig: the client is made on the first call of a route that reads the cluster. A fresh start of its
 * own (the profile), so that no other test has built the client before. And the client it builds gives up in seconds.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(BackendsResource.class)
@TestProfile(ClusterClientOnDemandTest.Profile.class)
class ClusterClientOnDemandTest {

    public static class Profile extends ExportProfile {
        public Profile() {
            super("getAgent");
        }
    }

    @Inject AgentFunctions agents;
    @Inject KeyFunctions keys;
    @Inject UserFunctions users;
    @Inject RevisionFunctions revisions;
    @Inject TimelineFunctions timeline;
    @Inject SecurityFunctions security;
    @Inject SystemFunctions system;
    @Inject MonitoringFunctions monitoring;
    @Inject MessageFunctions messages;

    @Test
    void everyRouteThatDoesNotReadTheClusterLeavesItsClientUnbuilt_theFirstThatDoesBuildsIt() throws Exception {
        String owner = newUser();
        String agentId = body(agents.createAgent(Events.api("createAgent").user(owner).request()))
                .get("agentId").asText();
        List<String> called = new ArrayList<>();
        for (Object functions : List.of(agents, keys, users, revisions, timeline, security, system, monitoring,
                messages)) {
            Class<?> type = functions.getClass();
            while (Arrays.stream(type.getDeclaredMethods()).noneMatch(m -> m.isAnnotationPresent(Funq.class))) {
                type = type.getSuperclass(); // past a client proxy, if the class has a scope
            }
            for (Method route : type.getDeclaredMethods()) {
                if (route.isAnnotationPresent(Funq.class) && !RouteTable.byFunction(route.getName()).readsCluster()) {
                    ProxyRequest request = Events.api(route.getName()).user(owner).agentId(agentId).request();
                    route.invoke(functions, request);
                    called.add(route.getName());
                }
            }
        }
        assertThat(called).contains("createAgent", "listAgents", "getAgent", "updateAgent", "generateKey",
                "getUserProfile", "listAgentRevisions", "listAgentEvents", "listSecurityEvents");
        assertThat(built(KubernetesClient.class)).as("the client, after %s", called).isFalse();
        assertThat(built(Config.class)).as("the client's configuration, after %s", called).isFalse();

        system.getHealth(Events.api("getHealth").request()); // its Kubernetes probe lists the nodes

        assertThat(built(KubernetesClient.class)).as("the client, once a route read the cluster").isTrue();
        // Bounded, so that an unreachable API server fails a read in seconds (the route answers from the record).
        Config config = Arc.container().instance(Config.class).get();
        assertThat(config.getConnectionTimeout()).isEqualTo(2_000);
        assertThat(config.getRequestTimeout()).isEqualTo(5_000);
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(1);
        assertThat(config.getRequestRetryBackoffInterval()).isEqualTo(100);
    }

    /** Whether the bean's context holds an instance: resolving the bean and asking its context creates none. */
    static boolean built(Class<?> type) {
        BeanManager beans = Arc.container().beanManager();
        InjectableBean<?> bean = (InjectableBean<?>) beans.resolve(beans.getBeans(type));
        return Arc.container().getActiveContext(bean.getScope()).get(bean) != null;
    }
}
