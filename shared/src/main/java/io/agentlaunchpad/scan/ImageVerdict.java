package io.agentlaunchpad.scan;

/** The last scan decision for a catalogue image ({@code repository:tag}), and the digest it was about. */
public record ImageVerdict(String image, String digest, boolean blocked, String scanId, String reason,
                           String decidedAt) {
}
