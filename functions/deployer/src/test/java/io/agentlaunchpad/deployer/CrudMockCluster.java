package io.agentlaunchpad.deployer;

import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.cluster.kubernetes.KubernetesCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * The deployer's cluster in these tests only: fabric8's bare CRUD mock answers server-side apply with 404 for a
 * missing object and 415 for the apply content type, so a create or a replace of the whole object reaches the same
 * state there. Production code applies only (KubernetesCluster), which is why its RBAC grants no update.
 */
public class CrudMockCluster extends KubernetesCluster {

    /** Puts it in the place of KubernetesCluster in every Quarkus test of this module. */
    static class Producer {
        @Produces
        @Alternative
        @Priority(1)
        @ApplicationScoped
        KubernetesCluster cluster(KubernetesClient client, ClusterConfig config) {
            return new CrudMockCluster(client, config);
        }
    }

    private final KubernetesClient client;

    public CrudMockCluster(KubernetesClient client, ClusterConfig config) {
        super(client, config);
        this.client = client;
    }

    @Override
    protected void apply(HasMetadata desired) {
        try {
            super.apply(desired);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                client.resource(desired).create();
            } else if (e.getCode() == 415) {
                client.resource(desired).update();
            } else {
                throw e;
            }
        }
    }
}
