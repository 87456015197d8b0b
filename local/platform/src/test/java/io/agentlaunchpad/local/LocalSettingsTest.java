package io.agentlaunchpad.local;

import io.agentlaunchpad.deploy.QueueDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSettingsTest {

    @Test
    void theDeployQueuesVisibilityTimeoutIsAwssUnlessSet() {
        assertThat(LocalSettings.from(Map.of()).queueVisibilitySeconds())
                .isEqualTo(QueueDefinition.DEPLOY.visibilityTimeoutSeconds()).isEqualTo(180);
        assertThat(new LocalSettings("127.0.0.1", 0, Path.of("home"), Duration.ZERO, Duration.ofSeconds(29))
                .queueVisibilitySeconds()).isEqualTo(180);
        assertThat(LocalSettings.from(Map.of("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "2")).queueVisibilitySeconds())
                .isEqualTo(2);
    }

    @Test
    void aVisibilityTimeoutSqsWouldRefuseIsRefused() {
        assertThatThrownBy(() -> LocalSettings.from(Map.of("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "43201")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS");
        assertThatThrownBy(() -> LocalSettings.from(Map.of("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS", "-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agentsRunAsRealProcessesUnlessSimulatedIsAsked_andOnlyOnTheSimulatedCluster() {
        assertThat(LocalSettings.from(Map.of()).realAgents()).isTrue();
        assertThat(LocalSettings.from(Map.of("LAUNCHPAD_AGENT_RUNTIME", "simulated")).realAgents()).isFalse();
        assertThat(LocalSettings.from(Map.of("LAUNCHPAD_KUBECONFIG", "current")).realAgents()).isFalse();
        assertThat(new LocalSettings("127.0.0.1", 0, Path.of("home"), Duration.ZERO, Duration.ofSeconds(29))
                .realAgents()).isFalse();
        assertThatThrownBy(() -> LocalSettings.from(Map.of("LAUNCHPAD_AGENT_RUNTIME", "docker")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real or simulated");
    }

    @Test
    void theTestModelIsGivenToAgentsOnlyWhenAsked(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Path image = java.nio.file.Files.createDirectories(home.resolve("agent-image/node_modules")).getParent();
        assertThat(LocalSettings.from(Map.of()).agentTestModel()).isFalse();
        LocalSettings asked = LocalSettings.from(Map.of("LAUNCHPAD_AGENT_TEST_MODEL", "true"));
        assertThat(asked.agentTestModel()).isTrue();
        assertThat(AgentImage.runtimeSettings(asked, home, image).environment()).containsEntry(
                "LAUNCHPAD_TEST_MODEL_PLUGIN", image.resolve("test-model/index.mjs").toString());
        assertThat(AgentImage.runtimeSettings(LocalSettings.from(Map.of()), home, image).environment()).isEmpty();
        assertThat(AgentImage.runtimeSettings(asked, home, image).agentsDirectory()).isEqualTo(home.resolve("agents"));
    }

    @Test
    void withoutTheAgentImagesPackagesTheRefusalSaysWhatToRun(@org.junit.jupiter.api.io.TempDir Path image) {
        assertThat(AgentImage.missingPackages(image)).hasValueSatisfying(m -> assertThat(m)
                .contains("npm ci --prefix agent-image").contains("LAUNCHPAD_AGENT_RUNTIME=simulated").doesNotContain("\n"));
        assertThatThrownBy(() -> AgentImage.runtimeSettings(LocalSettings.from(Map.of()), image, image))
                .hasMessageContaining("npm ci --prefix agent-image");
    }
}
