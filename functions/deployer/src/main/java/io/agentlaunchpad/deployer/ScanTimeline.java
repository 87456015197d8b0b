package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.scan.ScanFindings;
import io.agentlaunchpad.scan.Severity;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineType;

import java.util.Locale;
import java.util.stream.Collectors;

/** What the scan gate decided, as the agent's timeline tells it: started, reused, passed or blocked. */
final class ScanTimeline {

    /** The status reason while a scan runs; a rollout that waited for its findings did not reuse them. */
    static final String WAITING = "Waiting for the security scan of ";

    private ScanTimeline() {
    }

    static void record(TimelineRecorder timeline, Agent agent, ImageScans.Gate outcome) {
        if (outcome instanceof ImageScans.Pending pending) {
            timeline.record(agent, TimelineType.SCAN_STARTED, "Security scan of " + pending.image().digest()
                    + " running; the rollout waits for its findings");
            return;
        }
        boolean reused = agent.statusReason() == null || !agent.statusReason().startsWith(WAITING);
        if (outcome instanceof ImageScans.Blocked blocked) {
            timeline.record(agent, TimelineType.SCAN_BLOCKED, scan(reused, blocked.image().digest())
                    + " blocks the rollout: " + blocked.reason()
                    + ". Choose plugins whose image passes, or ask an admin about the image.");
        } else if (outcome instanceof ImageScans.Passed passed) {
            timeline.record(agent, reused ? TimelineType.SCAN_REUSED : TimelineType.SCAN_PASSED,
                    scan(reused, passed.image().digest()) + " passed (" + counts(passed.findings()) + ")");
        }
    }

    private static String scan(boolean reused, String digest) {
        return (reused ? "Earlier scan of " : "Scan of ") + digest;
    }

    private static String counts(ScanFindings findings) {
        String counts = Severity.COUNTED.stream()
                .filter(severity -> findings.count(severity) > 0)
                .map(severity -> findings.count(severity) + " " + severity.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return counts.isEmpty() ? "no findings" : counts;
    }
}
