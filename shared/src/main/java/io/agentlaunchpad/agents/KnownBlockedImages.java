package io.agentlaunchpad.agents;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;

import java.util.List;
import java.util.function.Supplier;

/**
 * The image pre-check: the catalogue image a set of plugins runs on is already known to fail its scan, so the
 * request is refused before anything is kept. Without a catalogue and verdicts (a function that has none) it passes.
 */
public final class KnownBlockedImages {

    static final KnownBlockedImages NONE = new KnownBlockedImages(null, null);

    private final Supplier<ImageCatalogue> catalogue;
    private final Supplier<ImageVerdicts> verdicts;

    /** Resolved on first use, so a route that never checks an image never builds what the catalogue needs. */
    KnownBlockedImages(Supplier<ImageCatalogue> catalogue, Supplier<ImageVerdicts> verdicts) {
        this.catalogue = catalogue == null || verdicts == null ? null : catalogue;
        this.verdicts = catalogue == null || verdicts == null ? null : verdicts;
    }

    public void refuse(List<String> plugins) {
        if (catalogue == null) {
            return;
        }
        String image = catalogue.get().imageFor(plugins).reference();
        verdicts.get().find(image).filter(ImageVerdict::blocked).ifPresent(v -> {
            throw new ApiException(ErrorCode.SECURITY_SCAN_FAILED, "Security scan blocked deployment: the image for "
                    + "these plugins failed its scan (" + v.reason() + ")");
        });
    }
}
