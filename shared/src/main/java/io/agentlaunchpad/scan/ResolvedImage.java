package io.agentlaunchpad.scan;

/** A catalogue image resolved in the registry: deploys pin {@link #pinned()}, never the tag. */
public record ResolvedImage(CatalogueImage image, String registryHost, String digest) {

    public String pinned() {
        return registryHost + "/" + image.repository() + "@" + digest;
    }
}
