package io.agentlaunchpad.api.scans;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentViews;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageScans;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;
import io.agentlaunchpad.scan.ScanPolicy;
import io.agentlaunchpad.scan.ScanSightings;
import io.agentlaunchpad.scan.Severity;
import io.agentlaunchpad.security.SecurityEventType;
import io.agentlaunchpad.security.SecurityEvent;
import io.agentlaunchpad.security.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * {@code POST /api/security/scan/{agentId}} and {@code GET /api/security/scans/{scanId}}: the image the agent's
 * plugins run on, resolved to its digest, through the {@link ImageScans} sequence. Findings younger than ECR's 24 h
 * scan limit are reused; a scan is started only when the digest has none (or only an older one). The scan id names
 * the agent, repository and digest, so reading it back needs no stored state. A completed scan that fails the policy
 * records one {@code SECURITY_SCAN_FAILED} event per scan. A completed scan always says when it completed: the
 * registry's completion time, or when the platform first saw its findings if the registry does not say.
 */
@ApplicationScoped
public class ScanService {

    static final Duration REUSE = Duration.ofHours(24);

    @RegisterForReflection
    public record Results(boolean passed, Map<String, Integer> vulnerabilities, List<String> recommendations,
                          String reason) {
    }

    @RegisterForReflection
    public record Scan(String agentId, String scanId, String status, String image, Results results,
                       String scannedAt) {
    }

    private final AgentService agents;
    private final ImageScans scans;
    private final SecurityEvents events;
    private final ScanSightings sightings;
    private final Clock clock;

    @Inject
    public ScanService(AgentService agents, ImageScans scans, SecurityEvents events, ScanSightings sightings,
                       Clock clock) {
        this.agents = agents;
        this.scans = scans;
        this.events = events;
        this.sightings = sightings;
        this.clock = clock;
    }

    public Scan scan(Principal caller, String agentId) {
        AgentViews.Detail agent = agents.get(caller, agentId);
        CatalogueImage image = scans.imageFor(agent.selectedPlugins());
        ImageScans.Scanned scanned;
        try {
            scanned = scans.scan(image, REUSE, clock.instant());
        } catch (ImageUnavailableException e) {
            throw new ApiException(ErrorCode.CONFLICT, "The image for this agent's plugins (" + image.reference()
                    + ") is not in the registry; nothing to scan");
        }
        return view(agent, image.repository(), scanned.image().digest(), scanned.findings());
    }

    public Scan get(Principal caller, String scanId) {
        String[] parts = decode(scanId);
        AgentViews.Detail agent;
        try {
            agent = agents.get(caller, parts[0]);
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Scan '" + scanId + "' not found");
        }
        // Only the scan of the image the agent runs now: a hand-made id naming another image (someone else's, or a
        // vulnerable one to raise a false event against this agent) is not found.
        CatalogueImage current = scans.imageFor(agent.selectedPlugins());
        if (!current.repository().equals(parts[1])) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Scan '" + scanId + "' not found");
        }
        ResolvedImage resolved;
        try {
            resolved = scans.resolve(current);
        } catch (ImageUnavailableException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Scan '" + scanId + "' not found");
        }
        if (!resolved.digest().equals(parts[2])) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Scan '" + scanId + "' not found");
        }
        ScanFindings findings = scans.findings(resolved);
        if (findings.state() == ScanFindings.State.NONE) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Scan '" + scanId + "' not found");
        }
        return view(agent, parts[1], parts[2], findings);
    }

    private Scan view(AgentViews.Detail agent, String repository, String digest, ScanFindings findings) {
        String scanId = encode(agent.agentId(), repository, digest);
        String image = repository + "@" + digest;
        return switch (findings.state()) {
            case COMPLETE -> {
                ScanPolicy.Verdict verdict = scans.decide(findings);
                Map<String, Integer> counts = new LinkedHashMap<>();
                Severity.COUNTED.forEach(s -> counts.put(s.name().toLowerCase(java.util.Locale.ROOT),
                        findings.count(s)));
                if (!verdict.passed()) {
                    events.recordOnce("scan-failed|" + agent.agentId() + "|" + findings.scanId(),
                            SecurityEventType.SECURITY_SCAN_FAILED, SecurityEvent.HIGH, agent.owner(), agent.agentId(),
                            "Container security scan failed", Map.of("scanId", scanId, "reason", verdict.reason(),
                                    "image", image));
                }
                Instant at = completedAt(findings);
                if (at == null) {
                    // keyed by image and registry scan: one time for a scan, whichever agent's route asks
                    at = sightings.firstSeen(image + "|" + findings.scanId(), clock.instant());
                }
                yield new Scan(agent.agentId(), scanId, "COMPLETED", image,
                        new Results(verdict.passed(), counts, recommendations(findings, verdict), verdict.reason()),
                        timestamp(at));
            }
            case FAILED -> new Scan(agent.agentId(), scanId, "FAILED", image,
                    new Results(false, Map.of(), List.of("Rebuild the image on a supported base and scan it again"),
                            scans.decide(findings).reason()), null);
            default -> new Scan(agent.agentId(), scanId, "IN_PROGRESS", image, null, null);
        };
    }

    private static final int MAX_PACKAGE_ADVICE = 10;

    /**
     * What to do about the findings: first each vulnerable package, worst first — the version to upgrade to where
     * the scan knows one (enhanced scanning), otherwise that it needs upgrading or removing — then the base image
     * when critical or high findings remain, and whether deploys are blocked.
     */
    static List<String> recommendations(ScanFindings findings, ScanPolicy.Verdict verdict) {
        List<String> advice = new ArrayList<>();
        Map<String, List<ScanFindings.PackageFinding>> byPackage = new java.util.LinkedHashMap<>();
        findings.packages().stream()
                .sorted(java.util.Comparator.comparingInt(f -> Severity.rank(f.severity())))
                .forEach(f -> byPackage.computeIfAbsent(f.name() + " " + f.version(), k -> new ArrayList<>()).add(f));
        for (List<ScanFindings.PackageFinding> same : byPackage.values()) {
            if (advice.size() == MAX_PACKAGE_ADVICE) {
                advice.add("And " + (byPackage.size() - MAX_PACKAGE_ADVICE) + " more vulnerable packages");
                break;
            }
            ScanFindings.PackageFinding worst = same.get(0);
            String ids = same.stream().map(ScanFindings.PackageFinding::vulnerabilityId)
                    .filter(java.util.Objects::nonNull).distinct().limit(3)
                    .collect(java.util.stream.Collectors.joining(", "));
            String fixed = same.stream().map(ScanFindings.PackageFinding::fixedVersion)
                    .filter(v -> v != null && !v.isBlank()).max(String::compareTo).orElse(null);
            String what = worst.name() + (worst.version() == null ? "" : " " + worst.version());
            advice.add(fixed != null
                    ? "Upgrade " + what + " to " + fixed + " (" + worst.severity() + ": " + ids + ")"
                    : "Upgrade or remove " + what + ": no fixed version is known yet (" + worst.severity() + ": "
                    + ids + ")");
        }
        int critical = findings.count(Severity.CRITICAL);
        int high = findings.count(Severity.HIGH);
        int lower = findings.count(Severity.MEDIUM) + findings.count(Severity.LOW);
        if (critical + high > 0) {
            advice.add("Update base image to latest version: " + (critical + high)
                    + " critical or high vulnerabilities were found");
        }
        if (lower > 0 && findings.packages().isEmpty()) {
            advice.add("Remove unnecessary packages: " + lower + " medium or low vulnerabilities were found");
        }
        if (!verdict.passed()) {
            advice.add("Deployments of this image are blocked until a rebuilt image passes the scan");
        }
        return advice;
    }

    /** When the registry says the scan completed; null for a scan not complete or a registry that does not say. */
    static Instant completedAt(ScanFindings findings) {
        return findings.state() == ScanFindings.State.COMPLETE ? findings.completedAt() : null;
    }

    static String encode(String agentId, String repository, String digest) {
        return "scan-" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                (agentId + "|" + repository + "|" + digest).getBytes(StandardCharsets.UTF_8));
    }

    static String[] decode(String scanId) {
        try {
            if (scanId == null || !scanId.startsWith("scan-")) {
                throw new IllegalArgumentException();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(scanId.substring(5)), StandardCharsets.UTF_8)
                    .split("\\|");
            if (parts.length != 3 || !parts[0].startsWith("agent-") || !parts[2].startsWith("sha256:")) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("scanId", "is not a scan id this API issued");
        }
    }
}
