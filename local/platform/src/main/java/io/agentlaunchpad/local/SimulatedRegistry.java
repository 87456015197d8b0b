package io.agentlaunchpad.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.health.ComponentProbe;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.scan.CatalogueImage;
import io.agentlaunchpad.scan.ImageScanner;
import io.agentlaunchpad.scan.ImageUnavailableException;
import io.agentlaunchpad.scan.ResolvedImage;
import io.agentlaunchpad.scan.ScanFindings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry and its scanner without ECR: images and their findings come from a JSON file the user can edit
 * while the platform runs (every call reads it again), so the scan gate can be tried both ways.
 *
 * <pre>
 * { "images": {
 *     "elizaos-agent:1.4.4":    { "findings": { "HIGH": 1, "MEDIUM": 3 },
 *                                 "packages": [ { "name": "openssl", "version": "3.0.13", "fixedVersion": "3.0.14",
 *                                                 "severity": "HIGH", "vulnerabilityId": "CVE-2024-4741" } ] },
 *     "elizaos-knowledge:0.9.0": { "findings": { "CRITICAL": 2 } },
 *     "my-image:dev":            { "scanned": false },
 *     "my-image:old":            { "findings": { "LOW": 1 }, "scannedAt": "2026-01-15T13:30:00Z" } } }
 * </pre>
 *
 * An image absent from the file does not exist (the deploy fails as with a missing ECR tag); {@code "scanned":
 * false} means no scan yet, and the first deploy starts one, which completes with the file's findings. The digest
 * is derived from the entry, so editing an image's findings makes it a new image, as a rebuild would. A scan
 * completed at the entry's {@code scannedAt} (ISO-8601), or else when this registry first read its findings (a scan
 * started here: when it started), as ECR's {@code imageScanCompletedAt} says when a scan completed.
 */
final class SimulatedRegistry implements ImageScanner {

    static final String REGISTRY_HOST = "registry.launchpad.local";

    static final String DEFAULT_FILE = """
            {
              "images": {
                "elizaos-agent:1.4.4": {
                  "findings": { "HIGH": 1, "MEDIUM": 3, "LOW": 7 },
                  "packages": [
                    { "name": "openssl", "version": "3.0.13", "fixedVersion": "3.0.14", "severity": "HIGH",
                      "vulnerabilityId": "CVE-2024-4741" }
                  ]
                },
                "elizaos-knowledge:0.9.0": {
                  "findings": { "CRITICAL": 2, "HIGH": 4 },
                  "packages": [
                    { "name": "libxml2", "version": "2.9.10", "fixedVersion": "2.9.14", "severity": "CRITICAL",
                      "vulnerabilityId": "CVE-2022-40303" },
                    { "name": "zlib", "version": "1.2.11", "fixedVersion": "1.2.12", "severity": "CRITICAL",
                      "vulnerabilityId": "CVE-2018-25032" }
                  ]
                }
              }
            }
            """;

    private final Path file;
    /** Digests whose scan was started here although the file says "scanned": false. */
    private final Set<String> scanned = ConcurrentHashMap.newKeySet();
    /** When each digest's findings were first read, for entries that do not say when their scan completed. */
    private final Map<String, Instant> firstRead = new ConcurrentHashMap<>();
    private final Clock clock;

    SimulatedRegistry(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Writes the documented default file on the first start; an edited file is never overwritten. */
    static SimulatedRegistry at(Path file) throws IOException {
        return at(file, Clock.systemUTC());
    }

    static SimulatedRegistry at(Path file, Clock clock) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, DEFAULT_FILE);
        }
        return new SimulatedRegistry(file, clock);
    }

    @Override
    public ResolvedImage resolve(CatalogueImage image) {
        JsonNode entry = entry(image.reference());
        if (entry == null) {
            throw new ImageUnavailableException("The simulated registry (" + file + ") has no image "
                    + image.reference() + ". Add it to the file or change the image catalogue.", null);
        }
        return new ResolvedImage(image, REGISTRY_HOST, digest(image.reference(), entry));
    }

    @Override
    public ScanFindings findings(ResolvedImage image) {
        // As ECR does, by repository and digest: a scan looked up by its id knows no tag.
        JsonNode entry = byDigest(image.image().repository(), image.digest());
        if (entry == null) {
            return ScanFindings.none();
        }
        boolean neverScanned = !entry.path("scanned").asBoolean(true) && !scanned.contains(image.digest());
        return neverScanned ? ScanFindings.none() : complete(image, entry).withCompletedAt(completedAt(image, entry));
    }

    @Override
    public ScanFindings startScan(ResolvedImage image) {
        scanned.add(image.digest());
        return findings(image);
    }

    /** {@code GET /api/health}'s registry component: the file readable, and how many images it holds. */
    ComponentProbe probe() {
        return new ComponentProbe() {
            @Override
            public String name() {
                return "registry";
            }

            @Override
            public boolean critical() {
                return false;
            }

            @Override
            public Result probe() throws IOException {
                int count = Json.MAPPER.readTree(Files.readString(file)).path("images").size();
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("available", true);
                fields.put("mode", "simulated");
                fields.put("images", count);
                return new Result(HealthService.HEALTHY, fields);
            }
        };
    }

    private Instant completedAt(ResolvedImage image, JsonNode entry) {
        String written = entry.path("scannedAt").asText("");
        if (!written.isBlank()) {
            try {
                return Instant.parse(written);
            } catch (DateTimeParseException e) {
                // A hand-edited time that does not parse is treated as absent rather than failing every scan.
            }
        }
        return firstRead.computeIfAbsent(image.digest(), d -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static ScanFindings complete(ResolvedImage image, JsonNode entry) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("findings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> severity = it.next();
            if (severity.getValue().asInt() > 0) {
                counts.put(severity.getKey().toUpperCase(), severity.getValue().asInt());
            }
        }
        List<ScanFindings.PackageFinding> packages = new ArrayList<>();
        for (JsonNode p : entry.path("packages")) {
            packages.add(new ScanFindings.PackageFinding(p.path("name").asText(null), p.path("version").asText(null),
                    p.path("fixedVersion").asText(null), p.path("severity").asText(null),
                    p.path("vulnerabilityId").asText(null)));
        }
        String scanId = "scan-" + image.image().repository() + "-" + image.digest().substring(7, 19);
        return new ScanFindings(ScanFindings.State.COMPLETE, scanId, counts,
                "simulated scan of " + image.image().repository() + "@" + image.digest(), packages);
    }

    private JsonNode entry(String reference) {
        JsonNode entry = images().get(reference);
        return entry == null || !entry.isObject() ? null : entry;
    }

    private JsonNode byDigest(String repository, String digest) {
        for (Iterator<Map.Entry<String, JsonNode>> it = images().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> image = it.next();
            if (image.getKey().startsWith(repository + ":") && image.getValue().isObject()
                    && digest(image.getKey(), image.getValue()).equals(digest)) {
                return image.getValue();
            }
        }
        return null;
    }

    private JsonNode images() {
        try {
            return Json.MAPPER.readTree(Files.readString(file)).path("images");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulated registry " + file + ": " + e.getMessage(), e);
        }
    }

    private static String digest(String reference, JsonNode entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(reference.getBytes(StandardCharsets.UTF_8));
            sha.update(Json.canonical(entry).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
