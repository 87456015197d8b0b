package io.agentlaunchpad.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one scan sequence of the platform: the catalogue's image for a set of plugins, resolved to its digest in the
 * registry, then that digest's findings; a scan is started only when the digest has none (ECR allows one scan per
 * digest per 24 h), or, for a caller that asks, when they are older than it accepts. The deployer's gate and the
 * scan routes both go through it.
 */
@ApplicationScoped
public class ImageScans {

    /** What the deploy gate decides for a digest. */
    public sealed interface Gate permits Passed, Pending, Blocked {
    }

    public record Passed(ResolvedImage image) implements Gate {
    }

    /** The scan has not finished: come back later. */
    public record Pending(ResolvedImage image) implements Gate {
    }

    public record Blocked(ResolvedImage image, String scanId, String reason) implements Gate {
    }

    /** A digest and its findings as they stand after {@link #scan}. */
    public record Scanned(ResolvedImage image, ScanFindings findings) {
    }

    private final ImageCatalogue catalogue;
    private final ImageScanner scanner;
    private final ScanPolicy policy;

    @Inject
    public ImageScans(ImageCatalogue catalogue, ImageScanner scanner, ScanPolicy policy) {
        this.catalogue = catalogue;
        this.scanner = scanner;
        this.policy = policy;
    }

    public CatalogueImage imageFor(List<String> plugins) {
        return catalogue.imageFor(plugins);
    }

    public ScanPolicy.Verdict decide(ScanFindings findings) {
        return policy.decide(findings);
    }

    /** @throws ImageUnavailableException when the catalogue's image is not in the registry */
    public ResolvedImage resolve(CatalogueImage image) {
        return scanner.resolve(image);
    }

    /** The digest's latest findings, {@link ScanFindings.State#NONE} when it was never scanned; starts nothing. */
    public ScanFindings findings(ResolvedImage image) {
        return scanner.findings(image);
    }

    /**
     * The image resolved and its findings, a scan started when there are none or (with {@code rescanOlderThan})
     * when the last one completed before {@code now - rescanOlderThan}.
     *
     * @param rescanOlderThan null: existing findings are always reused
     * @throws ImageUnavailableException when the image is not in the registry
     */
    public Scanned scan(CatalogueImage image, Duration rescanOlderThan, Instant now) {
        ResolvedImage resolved = scanner.resolve(image);
        ScanFindings findings = scanner.findings(resolved);
        Instant completed = findings.state() == ScanFindings.State.COMPLETE ? findings.completedAt() : null;
        boolean stale = rescanOlderThan != null && completed != null && completed.isBefore(now.minus(rescanOlderThan));
        if (findings.state() == ScanFindings.State.NONE || stale) {
            findings = scanner.startScan(resolved);
        }
        return new Scanned(resolved, findings);
    }

    /**
     * Before a digest runs: the findings of the image for {@code plugins} decide, existing ones reused; while a scan
     * runs the answer is {@link Pending}.
     *
     * @throws ImageUnavailableException when the catalogue's image is not in the registry
     */
    public Gate gate(List<String> plugins) {
        Scanned scanned = scan(catalogue.imageFor(plugins), null, null);
        ScanFindings findings = scanned.findings();
        if (findings.state() == ScanFindings.State.NONE || findings.state() == ScanFindings.State.IN_PROGRESS) {
            return new Pending(scanned.image());
        }
        ScanPolicy.Verdict verdict = policy.decide(findings);
        return verdict.passed() ? new Passed(scanned.image())
                : new Blocked(scanned.image(), findings.scanId(), verdict.reason());
    }
}
