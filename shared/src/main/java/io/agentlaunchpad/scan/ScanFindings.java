package io.agentlaunchpad.scan;

import java.util.Map;

/**
 * What the registry knows of an image digest's scan. {@code scanId} names the scan (ECR has no id of its own: the
 * repository, digest and completion time). {@code severityCounts} by ECR severity name.
 */
public record ScanFindings(State state, String scanId, Map<String, Integer> severityCounts, String description) {

    public enum State { NONE, IN_PROGRESS, COMPLETE, FAILED }

    public static ScanFindings none() {
        return new ScanFindings(State.NONE, null, Map.of(), null);
    }

    public int count(String severity) {
        return severityCounts.getOrDefault(severity, 0);
    }
}
