package io.agentlaunchpad.scan;

/** Port: the image registry and its scanner (ECR in AWS). */
public interface ImageScanner {

    /** @throws ImageUnavailableException when the repository or tag does not exist */
    ResolvedImage resolve(CatalogueImage image);

    /** The findings of the digest's latest scan, {@link ScanFindings.State#NONE} when it was never scanned. */
    ScanFindings findings(ResolvedImage image);

    /**
     * Starts a scan. ECR allows one per digest per 24 h: call it only when {@link #findings} says NONE, and never
     * in a retry loop.
     */
    ScanFindings startScan(ResolvedImage image);
}
