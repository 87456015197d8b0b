package io.agentlaunchpad.emulators;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the simulated cluster runs pods as real processes ({@link SimulatedCluster#start(Path, java.time.Duration,
 * ProcessRuntimeSettings)}).
 *
 * @param agentImage      what the image's {@code /app} is on this machine (the repository's {@code agent-image/})
 * @param agentsDirectory where each pod's volumes, logs and pid live:
 *                        {@code <agentsDirectory>/<namespace>/<agent>/<pod>/}
 * @param environment     set in every agent process over the container's own (e.g. the test model plugin's path)
 * @param timeScale       how much faster than a kubelet the probes' periods and delays and the restart back-off run
 *                        (0.1: a 10 s probe period is 1 s, the 10 s to 300 s back-off 1 s to 30 s); 1 for a
 *                        kubelet's own timing
 */
public record ProcessRuntimeSettings(Path agentImage, Path agentsDirectory, Map<String, String> environment,
                                     double timeScale) {

    /** The local platform's scale: probes and back-off ten times a kubelet's pace. */
    public static final double LOCAL_TIME_SCALE = 0.1;

    public ProcessRuntimeSettings {
        if (!(timeScale > 0 && timeScale <= 1)) {
            throw new IllegalArgumentException("timeScale must be in (0, 1], was " + timeScale);
        }
        agentImage = agentImage.toAbsolutePath();
        agentsDirectory = agentsDirectory.toAbsolutePath();
        environment = Map.copyOf(environment);
    }
}
