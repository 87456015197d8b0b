package io.agentlaunchpad.scan.ecr;

import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ImagesConfig;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.StartImageScanRequest;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter: ECR. Basic scanning reports {@code COMPLETE} with severity counts; enhanced scanning (Inspector)
 * reports {@code ACTIVE} once findings exist. See
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
 * Not a bean of its own: {@link RegistryClients} produces it from the ECR client.
 */
public class EcrImageScanner implements ImageScanner {

    private final EcrClient ecr;
    private final Optional<String> registryId;
    private final Region region;

    public EcrImageScanner(EcrClient ecr, ImagesConfig config, Region region) {
        this.ecr = ecr;
        this.registryId = config.registryId();
        this.region = region;
    }

    @Override
    public ResolvedImage resolve(CatalogueImage image) {
        try {
            DescribeImagesRequest.Builder request = DescribeImagesRequest.builder()
                    .repositoryName(image.repository())
                    .imageIds(ImageIdentifier.builder().imageTag(image.tag()).build());
            registryId.ifPresent(request::registryId);
            ImageDetail detail = ecr.describeImages(request.build()).imageDetails().stream().findFirst()
                    .orElseThrow(() -> new ImageUnavailableException("ECR has no image " + image.reference(), null));
            String host = detail.registryId() + ".dkr.ecr." + region.id() + ".amazonaws.com";
            return new ResolvedImage(image, host, detail.imageDigest());
        } catch (ImageNotFoundException | RepositoryNotFoundException e) {
            throw new ImageUnavailableException("ECR has no image " + image.reference(), e);
        }
    }

    @Override
    public ScanFindings findings(ResolvedImage image) {
        try {
            DescribeImageScanFindingsRequest.Builder request = DescribeImageScanFindingsRequest.builder()
                    .repositoryName(image.image().repository())
                    .imageId(ImageIdentifier.builder().imageDigest(image.digest()).build());
            registryId.ifPresent(request::registryId);
            DescribeImageScanFindingsResponse response = ecr.describeImageScanFindings(request.build());
            String state = response.imageScanStatus() == null ? "IN_PROGRESS" : response.imageScanStatus().statusAsString();
            String description = response.imageScanStatus() == null ? null : response.imageScanStatus().description();
            Instant completed = response.imageScanFindings() == null ? null
                    : response.imageScanFindings().imageScanCompletedAt();
            String scanId = "ecr:" + image.image().repository() + "@" + image.digest()
                    + (completed == null ? "" : ":" + completed.getEpochSecond());
            Map<String, Integer> counts = new HashMap<>();
            if (response.imageScanFindings() != null && response.imageScanFindings().hasFindingSeverityCounts()) {
                response.imageScanFindings().findingSeverityCountsAsStrings().forEach(counts::put);
            }
            return switch (state) {
                case "COMPLETE", "ACTIVE" -> new ScanFindings(ScanFindings.State.COMPLETE, scanId, counts, description,
                        packages(response.imageScanFindings()), completed);
                case "FAILED", "UNSUPPORTED_IMAGE", "FINDINGS_UNAVAILABLE", "SCAN_ELIGIBILITY_EXPIRED" ->
                        new ScanFindings(ScanFindings.State.FAILED, scanId, counts, state
                                + (description == null ? "" : ": " + description));
                default -> new ScanFindings(ScanFindings.State.IN_PROGRESS, scanId, counts, state);
            };
        } catch (ScanNotFoundException e) {
            return ScanFindings.none();
        }
    }

    /**
     * The vulnerable packages of the findings: basic scanning puts the package in the finding's attributes
     * ({@code package_name}, {@code package_version}); enhanced scanning (Inspector) lists the vulnerable packages
     * with the version that fixes each.
     */
    static java.util.List<ScanFindings.PackageFinding> packages(
            software.amazon.awssdk.services.ecr.model.ImageScanFindings findings) {
        java.util.List<ScanFindings.PackageFinding> packages = new java.util.ArrayList<>();
        if (findings == null) {
            return packages;
        }
        if (findings.hasFindings()) {
            for (var finding : findings.findings()) {
                Map<String, String> attributes = new HashMap<>();
                if (finding.hasAttributes()) {
                    finding.attributes().forEach(a -> attributes.put(a.key(), a.value()));
                }
                if (attributes.containsKey("package_name")) {
                    packages.add(new ScanFindings.PackageFinding(attributes.get("package_name"),
                            attributes.get("package_version"), null, finding.severityAsString(), finding.name()));
                }
            }
        }
        if (findings.hasEnhancedFindings()) {
            for (var finding : findings.enhancedFindings()) {
                var details = finding.packageVulnerabilityDetails();
                if (details == null || !details.hasVulnerablePackages()) {
                    continue;
                }
                for (var vulnerable : details.vulnerablePackages()) {
                    packages.add(new ScanFindings.PackageFinding(vulnerable.name(), vulnerable.version(),
                            vulnerable.fixedInVersion(), finding.severity(), details.vulnerabilityId()));
                }
            }
        }
        return packages;
    }

    @Override
    public ScanFindings startScan(ResolvedImage image) {
        try {
            StartImageScanRequest.Builder request = StartImageScanRequest.builder()
                    .repositoryName(image.image().repository())
                    .imageId(ImageIdentifier.builder().imageDigest(image.digest()).build());
            registryId.ifPresent(request::registryId);
            StartImageScanResponse response = ecr.startImageScan(request.build());
            return new ScanFindings(ScanFindings.State.IN_PROGRESS, "ecr:" + image.image().repository() + "@"
                    + image.digest(), Map.of(), response.imageScanStatus() == null ? null
                    : response.imageScanStatus().statusAsString());
        } catch (LimitExceededException e) {
            // Scanned within the last 24 h by someone else: its findings are (or will shortly be) there to read.
            return findings(image).state() == ScanFindings.State.NONE
                    ? new ScanFindings(ScanFindings.State.IN_PROGRESS, null, Map.of(), "scan limit reached")
                    : findings(image);
        }
    }
}
