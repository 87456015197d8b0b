package io.agentlaunchpad.emulators;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** What a new cluster has before anyone uses it: its namespaces and its one Ready node. */
final class NewCluster {

    private NewCluster() {
    }

    /** The default and kube-system namespaces and the node, as a new cluster has them. */
    static void populate(KubernetesClient client, String nodeName) {
        for (String name : new String[]{"default", "kube-system"}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .build()).create();
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
                "ephemeral-storage", new Quantity("100Gi"), "pods", new Quantity("110"));
        Map<String, Quantity> allocatable = Map.of("cpu", new Quantity("7800m"), "memory", new Quantity("31Gi"),
                "ephemeral-storage", new Quantity("92Gi"), "pods", new Quantity("110"));
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(nodeName)
                .addToLabels("kubernetes.io/hostname", nodeName).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("node.kubernetes.io/instance-type", "simulated")
                .endMetadata().build()).create();
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                .withCapacity(capacity).withAllocatable(allocatable)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now)
                .withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False")
                .withReason("KubeletHasSufficientMemory").withMessage("kubelet has sufficient memory available")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False")
                .withReason("KubeletHasNoDiskPressure").withMessage("kubelet has no disk pressure")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("PIDPressure").withStatus("False")
                .withReason("KubeletHasSufficientPID").withMessage("kubelet has sufficient PID available")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .addNewAddress().withType("InternalIP").withAddress("10.0.0.10").endAddress()
                .addNewAddress().withType("Hostname").withAddress(nodeName).endAddress()
                .withNewNodeInfo().withArchitecture("amd64").withOperatingSystem("linux")
                .withOsImage("Agent Launchpad simulated node").withKernelVersion("simulated")
                .withContainerRuntimeVersion("simulated://1.0")
                .withKubeletVersion("v" + ApiDiscovery.MAJOR + "." + ApiDiscovery.MINOR + ".0")
                .withKubeProxyVersion("").withMachineID("simulated").withSystemUUID("simulated")
                .withBootID("simulated").endNodeInfo()
                .build());
        client.nodes().resource(node).updateStatus();
    }
}
