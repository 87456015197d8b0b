package io.agentlaunchpad.local;

import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;
import io.agentlaunchpad.scan.Severity;
import io.agentlaunchpad.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of the local platform: images and findings from the documented file, read on every call. */
class SimulatedRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultFile_passesTheDefaultImageAndHoldsCriticalFindingsForTheKnowledgeImage() throws Exception {
        SimulatedRegistry registry = SimulatedRegistry.at(dir.resolve("registry.json"));

        ResolvedImage agent = registry.resolve(new CatalogueImage("default", "elizaos-agent", "1.4.4"));
        ResolvedImage knowledge = registry.resolve(new CatalogueImage("knowledge", "elizaos-knowledge", "0.9.0"));

        assertThat(agent.pinned()).matches("registry\\.launchpad\\.local/elizaos-agent@sha256:[0-9a-f]{64}");
        assertThat(registry.findings(agent).state()).isEqualTo(ScanFindings.State.COMPLETE);
        assertThat(registry.findings(agent).count(Severity.CRITICAL)).isZero();
        assertThat(registry.findings(knowledge).count(Severity.CRITICAL)).isEqualTo(2);
        assertThat(registry.findings(knowledge).packages()).extracting(ScanFindings.PackageFinding::fixedVersion)
                .contains("2.9.14");
    }

    @Test
    void aScanLookedUpByRepositoryAndDigest_findsItsImageWithoutTheTag() throws Exception {
        SimulatedRegistry registry = SimulatedRegistry.at(dir.resolve("registry.json"));
        ResolvedImage agent = registry.resolve(new CatalogueImage("default", "elizaos-agent", "1.4.4"));

        ScanFindings byId = registry.findings(new ResolvedImage(new CatalogueImage(null, "elizaos-agent", null), null,
                agent.digest()));

        assertThat(byId.state()).isEqualTo(ScanFindings.State.COMPLETE);
        assertThat(byId.scanId()).isEqualTo(registry.findings(agent).scanId());
    }

    @Test
    void anImageNeverScanned_hasNoFindingsUntilAScanStarts_andAnEditMakesANewDigest() throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"images\": {\"mine:dev\": {\"scanned\": false, \"findings\": {\"HIGH\": 2}}}}");
        SimulatedRegistry registry = SimulatedRegistry.at(file);
        ResolvedImage mine = registry.resolve(new CatalogueImage("x", "mine", "dev"));

        assertThat(registry.findings(mine).state()).isEqualTo(ScanFindings.State.NONE);
        assertThat(registry.startScan(mine).count(Severity.HIGH)).isEqualTo(2);
        assertThat(registry.findings(mine).state()).isEqualTo(ScanFindings.State.COMPLETE);

        Files.writeString(file, "{\"images\": {\"mine:dev\": {\"findings\": {\"CRITICAL\": 1}}}}");
        assertThat(registry.resolve(new CatalogueImage("x", "mine", "dev")).digest()).isNotEqualTo(mine.digest());
    }

    @Test
    void anImageMissingFromTheFile_isUnavailable_andAnEditedFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"images\": {}}");
        SimulatedRegistry registry = SimulatedRegistry.at(file);

        assertThatThrownBy(() -> registry.resolve(new CatalogueImage("default", "elizaos-agent", "1.4.4")))
                .isInstanceOf(ImageUnavailableException.class).hasMessageContaining("elizaos-agent:1.4.4");
        assertThat(Files.readString(file)).isEqualTo("{\"images\": {}}");
    }

    @Test
    void aCompletedScan_saysWhenItCompleted_fromTheFileOrElseWhenItsFindingsWereFirstRead() throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"images\": {\"old:1\": {\"findings\": {\"LOW\": 1}, "
                + "\"scannedAt\": \"2026-01-15T13:30:00Z\"}, \"new:1\": {\"findings\": {\"LOW\": 1}}}}");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.400Z"));
        SimulatedRegistry registry = SimulatedRegistry.at(file, clock);
        ResolvedImage old = registry.resolve(new CatalogueImage("x", "old", "1"));
        ResolvedImage fresh = registry.resolve(new CatalogueImage("y", "new", "1"));

        assertThat(registry.findings(old).completedAt()).isEqualTo(Instant.parse("2026-01-15T13:30:00Z"));
        assertThat(registry.findings(fresh).completedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        clock.advance(Duration.ofSeconds(600));
        assertThat(registry.findings(fresh).completedAt()).as("the first read stays the completion time")
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }
}
