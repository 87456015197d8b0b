package io.agentlaunchpad.scan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the registry knows of an image digest's scan. {@code scanId} names the scan (ECR has no id of its own: the
 * repository, digest and completion time). {@code severityCounts} by ECR severity name. {@code completedAt} is when
 * the registry says the scan completed (ECR's {@code imageScanCompletedAt}), null when it does not say.
 */
public record ScanFindings(State state, String scanId, Map<String, Integer> severityCounts, String description,
                           List<PackageFinding> packages, Instant completedAt) {

    public enum State { NONE, IN_PROGRESS, COMPLETE, FAILED }

    /** One vulnerable package: ECR basic scanning names it; enhanced scanning also says the version that fixes it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record PackageFinding(String name, String version, String fixedVersion, String severity,
                                 String vulnerabilityId) {
    }

    public ScanFindings(State state, String scanId, Map<String, Integer> severityCounts, String description,
                        List<PackageFinding> packages) {
        this(state, scanId, severityCounts, description, packages, null);
    }

    public ScanFindings(State state, String scanId, Map<String, Integer> severityCounts, String description) {
        this(state, scanId, severityCounts, description, List.of(), null);
    }

    public static ScanFindings none() {
        return new ScanFindings(State.NONE, null, Map.of(), null);
    }

    public int count(Severity severity) {
        return severityCounts.getOrDefault(severity.name(), 0);
    }

    public ScanFindings withCompletedAt(Instant at) {
        return new ScanFindings(state, scanId, severityCounts, description, packages, at);
    }
}
