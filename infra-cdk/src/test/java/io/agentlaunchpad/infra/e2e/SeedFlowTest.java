package io.agentlaunchpad.infra.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack test sends the seed script's own create body, and its waits are bounded. */
class SeedFlowTest {

    static final Path SEED = Path.of(System.getProperty("repo.root", "..")).resolve("sdks/seed-curl-flow.sh")
            .toAbsolutePath().normalize();

    @Test
    void theCreateBodyIsTheSeedScripts() {
        Map<String, Object> body = SeedFlow.createBody(SEED);
        assertThat(body).containsEntry("agentName", "discord-bot")
                .containsEntry("selectedPlugins", List.of("@elizaos/plugin-discord"))
                .containsEntry("resources", Map.of("memory", "512Mi", "cpu", "250m"))
                .containsKeys("description", "personality", "platforms");
    }

    @Test
    void aScriptWithoutTheCreateRequest_isRefused(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("seed.sh");
        Files.writeString(script, "#!/bin/sh\necho nothing\n");
        assertThatThrownBy(() -> SeedFlow.createBody(script)).hasMessageContaining("has no \"# 1. Create agent\" request");
    }

    @Test
    void everyWaitIsBounded() {
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> SeedFlow.poll("nothing", Duration.ofMillis(50), Duration.ofMillis(10), () -> {
            asked.incrementAndGet();
            return false;
        })).hasMessage("waited 0 min for nothing in vain");
        assertThat(asked.get()).isGreaterThan(1);
        SeedFlow.poll("something", Duration.ofMillis(50), Duration.ofMillis(10), () -> true);
        assertThat(SeedFlow.DEPLOYED_WITHIN).isLessThanOrEqualTo(Duration.ofMinutes(20));
    }
}
