package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;
import io.agentlaunchpad.scan.ScanPolicy;
import jakarta.enterprise.context.ApplicationScoped;

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
    private final ScanPolicy policy;

    public ScanGate(ImageCatalogue catalogue, ImageScanner scanner, ScanPolicy policy) {
        this.catalogue = catalogue;
        this.scanner = scanner;
        this.policy = policy;
    }

    /** @throws io.agentlaunchpad.scan.ImageUnavailableException when the catalogue's image is not in the registry */
    public Outcome check(Agent agent) {
        CatalogueImage image = catalogue.imageFor(agent.spec().plugins());
        ResolvedImage resolved = scanner.resolve(image);
        ScanFindings findings = scanner.findings(resolved);
        if (findings.state() == ScanFindings.State.NONE) {
            findings = scanner.startScan(resolved);
        }
        if (findings.state() == ScanFindings.State.NONE || findings.state() == ScanFindings.State.IN_PROGRESS) {
            return new Pending(resolved);
        }
        ScanPolicy.Verdict verdict = policy.decide(findings);
        return verdict.passed() ? new Passed(resolved) : new Blocked(resolved, findings.scanId(), verdict.reason());
    }
}
