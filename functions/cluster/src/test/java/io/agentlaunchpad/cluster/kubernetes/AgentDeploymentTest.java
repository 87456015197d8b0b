package io.agentlaunchpad.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's Deployment as ElizaOS 1.7.2 and its start script need it, and nothing that reaches out on its own. */
class AgentDeploymentTest {

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Deployment deployment) {
        return container(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void runsTheImagesStartScriptWithTheMountedCharacter() {
        Container agent = container(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults()));

        assertThat(agent.getCommand()).containsExactly("node", "/app/start-agent.mjs", "/etc/elizaos/character.json");
        assertThat(agent.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(agent.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("character");
            assertThat(m.getMountPath()).isEqualTo("/etc/elizaos");
            assertThat(m.getReadOnly()).isTrue();
        });
    }

    @Test
    void environmentPinsPortAndDataAndSwitchesOffUiInstallsAndTelemetry() {
        Map<String, String> env = env(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults()));

        assertThat(env).containsEntry("SERVER_PORT", "3000").containsEntry("SERVER_HOST", "0.0.0.0")
                .containsEntry("PGLITE_DATA_DIR", "/data/pglite").containsEntry("HOME", "/data/home")
                .containsEntry("ELIZA_DATA_DIR", "/data/eliza")
                .containsEntry("NODE_ENV", "production").containsEntry("ELIZA_UI_ENABLE", "false")
                .containsEntry("ELIZA_NO_AUTO_INSTALL", "true").containsEntry("ELIZA_NO_PLUGIN_AUTO_INSTALL", "true");
        // An empty SENTRY_DSN falls back to elizaOS's own DSN; a value Sentry cannot parse leaves it no transport.
        assertThat(env.get("SENTRY_DSN")).isEqualTo("off");
        assertThat(env).doesNotContainKey("ELIZA_SERVER_AUTH_TOKEN");
    }

    @Test
    void everyPathElizaWritesIsOnAWritableVolume() {
        Deployment deployment = AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults());
        Map<String, String> env = env(deployment);
        var writable = container(deployment).getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).map(m -> m.getMountPath()).toList();

        for (String variable : java.util.List.of("PGLITE_DATA_DIR", "HOME", "ELIZA_DATA_DIR")) {
            assertThat(writable).as(variable).anySatisfy(mount -> assertThat(env.get(variable)).startsWith(mount + "/"));
        }
        assertThat(writable).contains("/tmp");
    }

    @Test
    void telemetryGoesOnlyToTheOperatorsOwnDsn() {
        String dsn = "https://public@sentry.example.com/42";
        Map<String, String> env = env(AgentDeployment.desired(Settings.workload("1Gi"),
                Settings.cluster(Map.of("launchpad.cluster.telemetry-dsn", dsn))));

        assertThat(env).containsEntry("SENTRY_DSN", dsn);
    }

    @Test
    void nodeHeapIsTheMemoryLimitLessWhatElizaHoldsOutsideIt_atLeast128Mi() {
        assertThat(env(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults())))
                .containsEntry("NODE_OPTIONS", "--max-old-space-size=640");
        assertThat(env(AgentDeployment.desired(Settings.workload("512Mi"), Settings.defaults())))
                .containsEntry("NODE_OPTIONS", "--max-old-space-size=128");
        assertThat(env(AgentDeployment.desired(Settings.workload("2G"), Settings.defaults())))
                .containsEntry("NODE_OPTIONS", "--max-old-space-size=1523");
        assertThat(env(AgentDeployment.desired(Settings.workload("16Gi"), Settings.defaults())))
                .containsEntry("NODE_OPTIONS", "--max-old-space-size=16000");
    }

    @Test
    void tokensComeOnlyFromTheSecret() {
        Container agent = container(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults()));

        assertThat(agent.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getSecretRef().getName()).isEqualTo("agent-abc123def456-credentials"));
        assertThat(agent.getEnv()).allSatisfy(e -> assertThat(e.getValue()).doesNotContain("token-for-tests"));
    }

    @Test
    void writableVolumesAreOnDiskAndBounded_andSoIsTheContainersEphemeralStorage() {
        Deployment deployment = AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName,
                Function.identity()));

        assertThat(volumes.get("data").getEmptyDir().getSizeLimit().toString()).isEqualTo("1Gi");
        assertThat(volumes.get("tmp").getEmptyDir().getSizeLimit().toString()).isEqualTo("256Mi");
        // a memory-backed emptyDir would count against the agent's memory limit
        assertThat(volumes.values()).filteredOn(v -> v.getEmptyDir() != null)
                .allSatisfy(v -> assertThat(v.getEmptyDir().getMedium()).isNull());
        Container agent = container(deployment);
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactlyInAnyOrder("/etc/elizaos", "/data", "/tmp");
        assertThat(agent.getResources().getRequests().get("ephemeral-storage").toString()).isEqualTo("2Gi");
        assertThat(agent.getResources().getLimits().get("ephemeral-storage").toString()).isEqualTo("2Gi");
    }

    @Test
    void sizesFollowTheConfiguration() {
        Deployment deployment = AgentDeployment.desired(Settings.workload("1Gi"), Settings.cluster(Map.of(
                "launchpad.cluster.storage.data-size-limit", "5Gi",
                "launchpad.cluster.storage.ephemeral-storage", "6Gi")));

        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("data"))
                .singleElement().satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit().toString()).isEqualTo("5Gi"));
        assertThat(container(deployment).getResources().getLimits().get("ephemeral-storage").toString())
                .isEqualTo("6Gi");
    }

    @Test
    void probesAreElizasOwnUnauthenticatedHealthRoutesOnTheAgentPort() {
        Container agent = container(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults()));

        assertThat(agent.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(3000);
        });
        assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(agent.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(agent.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void aStartedAgentIsSeenSoonAndItsProbesStayUnderElizasHealthRateLimit() {
        Container agent = container(AgentDeployment.desired(Settings.workload("1Gi"), Settings.defaults()));

        // Startup every 2 s for up to 10 minutes, readiness every 5 s: an agent up in 5 s is Ready within ~2 s more.
        assertThat(agent.getStartupProbe().getPeriodSeconds()).isEqualTo(2);
        assertThat(agent.getStartupProbe().getPeriodSeconds() * agent.getStartupProbe().getFailureThreshold())
                .isEqualTo(600);
        assertThat(agent.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        // ElizaOS 1.7.2 rate-limits its health routes to 100 requests a minute: the probes must never reach it.
        double startupPerMinute = 60.0 / agent.getStartupProbe().getPeriodSeconds();
        double runningPerMinute = 60.0 / agent.getLivenessProbe().getPeriodSeconds()
                + 60.0 / agent.getReadinessProbe().getPeriodSeconds();
        assertThat(Math.max(startupPerMinute, runningPerMinute)).isLessThan(100);
    }
}
