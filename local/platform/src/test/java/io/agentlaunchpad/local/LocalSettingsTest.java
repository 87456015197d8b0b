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
}
