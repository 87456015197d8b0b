package io.agentlaunchpad.local;

import io.agentlaunchpad.emulators.ProcessRuntimeSettings;
import io.agentlaunchpad.emulators.RepoRoot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent image on this machine for the real agent runtime: the repository's {@code agent-image/} (what the
 * image's {@code /app} holds on EKS), its npm packages installed beside it.
 */
final class AgentImage {

    private AgentImage() {
    }

    static Path directory() {
        return RepoRoot.get().resolve("agent-image");
    }

    /** Why real agents cannot run from {@code image}: one line saying what to do; empty when they can. */
    static Optional<String> missingPackages(Path image) {
        if (Files.isDirectory(image.resolve("node_modules"))) {
            return Optional.empty();
        }
        return Optional.of("Real agents need the agent image's packages, missing from " + image.resolve("node_modules")
                + ": run  npm ci --prefix agent-image  (or set LAUNCHPAD_AGENT_RUNTIME=simulated for simulated pods)");
    }

    /** The runtime's settings for {@code image}: pods under {@code <home>/agents}, the test model plugin when asked for. */
    static ProcessRuntimeSettings runtimeSettings(LocalSettings settings, Path home, Path image) {
        missingPackages(image).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        Map<String, String> environment = new HashMap<>();
        if (settings.agentTestModel()) {
            environment.put("LAUNCHPAD_TEST_MODEL_PLUGIN", image.resolve("test-model").resolve("index.mjs").toString());
        }
        return new ProcessRuntimeSettings(image, home.resolve("agents"), environment,
                ProcessRuntimeSettings.LOCAL_TIME_SCALE);
    }
}
