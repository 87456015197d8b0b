package io.agentlaunchpad.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides whether a completed scan lets an image run: blocked when any finding has a blocking severity. */
@ApplicationScoped
public class ScanPolicy {

    public record Verdict(boolean passed, String reason) {
    }

    private final Set<String> blocking;

    @Inject
    public ScanPolicy(ImagesConfig config) {
        this(config.blockingSeverities());
    }

    public ScanPolicy(Set<String> blocking) {
        this.blocking = blocking.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public Verdict decide(ScanFindings findings) {
        if (findings.state() == ScanFindings.State.FAILED) {
            return new Verdict(false, "The image scan could not complete"
                    + (findings.description() == null ? "" : ": " + findings.description()));
        }
        String found = Arrays.stream(Severity.values()).filter(s -> blocking.contains(s.name()))
                .filter(s -> findings.count(s) > 0)
                .map(s -> findings.count(s) + " " + s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (!found.isEmpty()) {
            return new Verdict(false, "Vulnerabilities at a blocking severity detected: " + found);
        }
        return new Verdict(true, null);
    }
}
