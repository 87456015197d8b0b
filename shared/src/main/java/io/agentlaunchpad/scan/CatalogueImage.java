package io.agentlaunchpad.scan;

/** An image of the catalogue, by repository and tag; {@code name} is the catalogue entry's. */
public record CatalogueImage(String name, String repository, String tag) {

    public String reference() {
        return repository + ":" + tag;
    }
}
