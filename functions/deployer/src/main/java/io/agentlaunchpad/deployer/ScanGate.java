package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;
import io.agentlaunchpad.scan.ScanPolicy;
import io.agentlaunchpad.timeline.TimelineRecorder;
import io.agentlaunchpad.timeline.TimelineType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Before a digest runs: its scan findings decide. Existing findings are reused (ECR allows one scan per digest per
 * 24 h); a scan is started only when none exists, and while it runs the deployer comes back with {@code CHECK}.
 */
@ApplicationScoped
public class ScanGate {

    public sealed interface Outcome permits Passed, Pending, Blocked {
    }

    public record Passed(ResolvedImage image) implements Outcome {
    }

    public record Pending(ResolvedImage image) implements Outcome {
    }

    public record Blocked(ResolvedImage image, String scanId, String reason) implements Outcome {
    }

    private final ImageCatalogue catalogue;
    private final ImageScanner scanner;
    /** The status reason while a scan runs. */
    static final String WAITING = "Waiting for the security scan of ";

    private final ScanPolicy policy;
    private TimelineRecorder timeline = TimelineRecorder.NONE;

    public ScanGate(ImageCatalogue catalogue, ImageScanner scanner, ScanPolicy policy) {
        this.catalogue = catalogue;
        this.scanner = scanner;
        this.policy = policy;
    }

    @Inject
    void timeline(TimelineRecorder recorder) {
        timeline = recorder;
    }

    void withTimeline(TimelineRecorder recorder) {
        timeline = recorder;
    }

    /** @throws io.agentlaunchpad.scan.ImageUnavailableException when the catalogue's image is not in the registry */
    public Outcome check(Agent agent) {
        CatalogueImage image = catalogue.imageFor(agent.spec().plugins());
        ResolvedImage resolved = scanner.resolve(image);
        ScanFindings findings = scanner.findings(resolved);
        boolean found = findings.state() != ScanFindings.State.NONE;
        if (!found) {
            findings = scanner.startScan(resolved);
        }
        // findings this rollout did not wait for were reused (the deployer notes the wait in the reason)
        boolean reused = found && (agent.statusReason() == null || !agent.statusReason().startsWith(WAITING));
        if (findings.state() == ScanFindings.State.NONE || findings.state() == ScanFindings.State.IN_PROGRESS) {
            timeline.record(agent, TimelineType.SCAN_STARTED, "Security scan of " + resolved.digest()
                    + " running; the rollout waits for its findings");
            return new Pending(resolved);
        }
        ScanPolicy.Verdict verdict = policy.decide(findings);
        String scan = (reused ? "Earlier scan of " : "Scan of ") + resolved.digest();
        if (!verdict.passed()) {
            timeline.record(agent, TimelineType.SCAN_BLOCKED, scan + " blocks the rollout: " + verdict.reason()
                    + ". Choose plugins whose image passes, or ask an admin about the image.");
            return new Blocked(resolved, findings.scanId(), verdict.reason());
        }
        timeline.record(agent, reused ? TimelineType.SCAN_REUSED : TimelineType.SCAN_PASSED,
                scan + " passed (" + counts(findings) + ")");
        return new Passed(resolved);
    }

    private static String counts(ScanFindings findings) {
        String counts = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW").stream()
                .filter(severity -> findings.count(severity) > 0)
                .map(severity -> findings.count(severity) + " " + severity.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return counts.isEmpty() ? "no findings" : counts;
    }
}
