package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.agents.Resources;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.cluster.AgentWorkload;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.identity.UserIds;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's pods: ElizaOS on port 3000 with {@code /healthz} liveness and {@code /health} readiness (ready once
 * a character is loaded), locked down (non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp,
 * read-only root with size-limited {@code emptyDir}s for /tmp and /data, no service-account token), started by the
 * image's start script with the mounted character, its environment from {@link AgentEnvironment} and the Secret.
 *
 * <p>Two template annotations roll the pods when something outside the template changes: the checksum of the
 * character and credentials (env from a Secret is read only at start), and the restart time the API recorded
 * (what {@code kubectl rollout restart} does, but level-triggered: re-applying it changes nothing).
 */
public final class AgentDeployment {

    static final String CONFIG_CHECKSUM = "agent-launchpad/config-checksum";
    static final String RESTARTED_AT = "agent-launchpad/restarted-at";
    /**
     * On the Deployment itself (not its template, so it rolls no pod): the agent generation whose desired state was
     * applied last, so a follow-up can tell that a stale writer put an older generation back.
     */
    public static final String GENERATION = "agent-launchpad/generation";
    private static final long UID = 1000;

    private AgentDeployment() {
    }

    static Deployment desired(AgentWorkload w, ClusterConfig config) {
        ClusterConfig.Storage storage = config.storage();
        int progressDeadlineSeconds = (int) Math.min(Integer.MAX_VALUE, w.progressDeadline().toSeconds());
        String agentId = w.agent().agentId();
        Resources resources = w.agent().spec().resources();
        Map<String, Quantity> amounts = Map.of("cpu", new Quantity(resources.cpu()),
                "memory", new Quantity(resources.memory()),
                "ephemeral-storage", new Quantity(storage.ephemeralStorage()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CONFIG_CHECKSUM, checksum(w));
        if (w.agent().restartRequestedAt() != null) {
            annotations.put(RESTARTED_AT, w.agent().restartRequestedAt().toString());
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(agentId).withNamespace(w.namespace())
                .withLabels(AgentNames.agentLabels(w.agent().owner(), agentId))
                .withAnnotations(Map.of(GENERATION, Long.toString(w.agent().generation()))).endMetadata()
                .withNewSpec()
                .withReplicas(resources.replicas())
                .withProgressDeadlineSeconds(progressDeadlineSeconds)
                .withRevisionHistoryLimit(3)
                .withNewSelector().withMatchLabels(AgentNames.selector(agentId)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(AgentNames.agentLabels(w.agent().owner(), agentId))
                .withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID).withFsGroup(UID)
                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                .endSecurityContext()
                .addNewContainer()
                .withName("agent")
                .withImage(w.image())
                .withImagePullPolicy("IfNotPresent")
                // A container that fails without writing /dev/termination-log gets its last log lines as the
                // termination message, so the deployer can say why the agent exits (a missing plugin, a bad token).
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withCommand(config.command())
                .addNewPort().withName("http").withContainerPort(AgentNames.PORT).withProtocol("TCP").endPort()
                .withEnv(AgentEnvironment.of(resources.memory(), config.telemetryDsn()))
                .addNewEnvFrom().withNewSecretRef().withName(AgentNames.secret(agentId)).endSecretRef().endEnvFrom()
                .withNewResources().withRequests(amounts).withLimits(amounts).endResources()
                .withLivenessProbe(probe("/healthz", 10, 3))
                // Ready is what turns the agent DEPLOYED: probed every 5 s (not 10) so a started agent is not left waiting long.
                .withReadinessProbe(probe("/health", 5, 3))
                // ElizaOS loads its plugins at boot (minutes on a cold node): liveness waits for this first. Every 2 s for
                // up to 10 minutes: a 10 s period held an agent that was up in 5 s back until the next probe.
                .withStartupProbe(probe("/healthz", 2, 300))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                .endSecurityContext()
                .addNewVolumeMount().withName("character").withMountPath("/etc/elizaos").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("character").withNewConfigMap().withName(AgentNames.configMap(agentId))
                .endConfigMap().endVolume()
                // On the node's disk, not in memory: a tmpfs would count against the agent's memory limit.
                .addNewVolume().withName("data").withNewEmptyDir().withSizeLimit(new Quantity(storage.dataSizeLimit()))
                .endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity(storage.tmpSizeLimit()))
                .endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec().build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(3).withFailureThreshold(failureThreshold).build();
    }

    /** Changes whenever the character or a credential changes; reveals neither (SHA-256 over all of them). */
    public static String checksum(AgentWorkload w) {
        StringBuilder text = new StringBuilder(w.characterJson());
        new TreeMap<>(w.secretEnv()).forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
        return UserIds.sha256(text.toString());
    }
}
