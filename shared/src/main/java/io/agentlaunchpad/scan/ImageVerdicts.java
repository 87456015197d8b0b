package io.agentlaunchpad.scan;

import java.util.Optional;

/**
 * Port: scan decisions per catalogue image, written by the deployer, read by {@code POST /api/agents} to refuse at
 * once (422 SECURITY_SCAN_FAILED) an agent whose image is already known to be blocked.
 */
public interface ImageVerdicts {

    void record(ImageVerdict verdict);

    Optional<ImageVerdict> find(String image);
}
