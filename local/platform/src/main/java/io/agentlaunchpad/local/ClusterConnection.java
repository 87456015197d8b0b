package io.agentlaunchpad.local;

import io.agentlaunchpad.emulators.SimulatedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The platform's Kubernetes client, and the simulated cluster it talks to when it started one. */
record ClusterConnection(KubernetesClient client, SimulatedCluster simulated, String mode, String url) {

    /**
     * The simulated cluster, its kubeconfig written to {@code .launchpad/kubeconfig}; or the real cluster of
     * {@code LAUNCHPAD_KUBECONFIG}. Either way the platform's client is built from a kubeconfig, as kubectl's is.
     * The client names itself to the simulated cluster, so that only the platform's requests get the errors a
     * fault suite injects.
     */
    static ClusterConnection open(LocalSettings settings, StateDirectory state, KubernetesRequestCounter counter)
            throws IOException {
        SimulatedCluster simulated = null;
        String clusterMode;
        Config kubeconfig;
        if (settings.simulatedCluster()) {
            simulated = SimulatedCluster.start(state.root().resolve("kubeconfig"), settings.simulatedReadyDelay(),
                    settings.realAgents() ? AgentImage.runtimeSettings(settings, state.root(), AgentImage.directory()) : null);
            clusterMode = "simulated";
            kubeconfig = Config.fromKubeconfig(null, Files.readString(simulated.kubeconfig()),
                    simulated.kubeconfig().toString());
            kubeconfig.setCustomHeaders(Map.of(SimulatedCluster.CLIENT_HEADER, "platform"));
        } else if (LocalSettings.CURRENT_KUBECONFIG.equals(settings.kubeconfig())) {
            clusterMode = "kubeconfig";
            kubeconfig = Config.autoConfigure(settings.kubeContext());
        } else {
            clusterMode = "kubeconfig";
            Path file = Path.of(settings.kubeconfig()).toAbsolutePath();
            kubeconfig = Config.fromKubeconfig(settings.kubeContext(), Files.readString(file), file.toString());
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeconfig)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter)).build();
        return new ClusterConnection(client, simulated, clusterMode, kubeconfig.getMasterUrl());
    }
}
