package io.agentlaunchpad.scan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one scan sequence: resolve, read the findings, start a scan only when there are none (or they are stale). */
class ImageScansTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final CatalogueImage IMAGE = new CatalogueImage("default", "elizaos-agent", "1.4.4");

    /** A registry whose digest has {@code findings} until a scan is started, which it counts. */
    static final class Registry implements ImageScanner {
        ScanFindings findings;
        int started;
        boolean missing;

        Registry(ScanFindings findings) {
            this.findings = findings;
        }

        @Override
        public ResolvedImage resolve(CatalogueImage image) {
            if (missing) {
                throw new ImageUnavailableException("no " + image.reference(), null);
            }
            return new ResolvedImage(image, "registry.example", "sha256:" + "a".repeat(64));
        }

        @Override
        public ScanFindings findings(ResolvedImage image) {
            return findings;
        }

        @Override
        public ScanFindings startScan(ResolvedImage image) {
            started++;
            return new ScanFindings(ScanFindings.State.IN_PROGRESS, null, Map.of(), "started");
        }
    }

    static ImageScans scans(Registry registry) {
        return new ImageScans(new ImageCatalogue(Map.of(), IMAGE), registry, new ScanPolicy(Set.of("CRITICAL")));
    }

    static ScanFindings complete(Map<String, Integer> counts, Instant completedAt) {
        return new ScanFindings(ScanFindings.State.COMPLETE, "ecr:x", counts, null, List.of(), completedAt);
    }

    @Test
    void noFindings_startsOneScan_andTheGateWaits() {
        Registry registry = new Registry(ScanFindings.none());

        assertThat(scans(registry).gate(List.of())).isInstanceOf(ImageScans.Pending.class);
        assertThat(registry.started).isEqualTo(1);
    }

    @Test
    void existingFindings_areReused_evenOldOnesByTheGate() {
        Registry registry = new Registry(complete(Map.of("HIGH", 3), NOW.minus(Duration.ofDays(30))));

        assertThat(scans(registry).gate(List.of())).isInstanceOf(ImageScans.Passed.class);
        assertThat(scans(registry).scan(IMAGE, Duration.ofHours(24), NOW.minus(Duration.ofDays(29))).findings().state())
                .isEqualTo(ScanFindings.State.COMPLETE);
        assertThat(registry.started).isZero();
    }

    @Test
    void findingsOlderThanTheCallerAccepts_startANewScan() {
        Registry registry = new Registry(complete(Map.of(), NOW.minus(Duration.ofHours(25))));

        ImageScans.Scanned scanned = scans(registry).scan(IMAGE, Duration.ofHours(24), NOW);

        assertThat(registry.started).isEqualTo(1);
        assertThat(scanned.findings().state()).isEqualTo(ScanFindings.State.IN_PROGRESS);
        assertThat(scanned.image().image()).isEqualTo(IMAGE);
    }

    @Test
    void aBlockingSeverity_blocksWithTheScanAndTheReason() {
        Registry registry = new Registry(complete(Map.of("CRITICAL", 2, "HIGH", 1), NOW));

        assertThat(scans(registry).gate(List.of())).isInstanceOfSatisfying(ImageScans.Blocked.class, blocked -> {
            assertThat(blocked.scanId()).isEqualTo("ecr:x");
            assertThat(blocked.reason()).isEqualTo("Vulnerabilities at a blocking severity detected: 2 critical");
        });
    }

    @Test
    void anImageNotInTheRegistry_isUnavailable_andNothingStarts() {
        Registry registry = new Registry(ScanFindings.none());
        registry.missing = true;

        assertThatThrownBy(() -> scans(registry).gate(List.of())).isInstanceOf(ImageUnavailableException.class);
        assertThat(registry.started).isZero();
    }

    @Test
    void severities_rankWorstFirst_andUnknownNamesLast() {
        assertThat(Severity.rank("CRITICAL")).isLessThan(Severity.rank("LOW"));
        assertThat(Severity.rank("UNDEFINED")).isLessThan(Severity.rank("SOMETHING_NEW"));
        assertThat(Severity.COUNTED).containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
    }
}
