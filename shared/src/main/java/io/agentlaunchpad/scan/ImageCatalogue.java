package io.agentlaunchpad.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Port and its configured implementation: which image serves a set of plugins. */
@ApplicationScoped
public class ImageCatalogue {

    private record Candidate(String name, CatalogueImage image, Set<String> plugins) {
    }

    private final List<Candidate> entries;
    private final CatalogueImage fallback;

    @Inject
    public ImageCatalogue(ImagesConfig config) {
        this(config.catalogue(), new CatalogueImage("default", config.defaultRepository(), config.defaultTag()));
    }

    public ImageCatalogue(Map<String, ImagesConfig.Entry> catalogue, CatalogueImage fallback) {
        this.entries = catalogue.entrySet().stream()
                .map(e -> new Candidate(e.getKey(), new CatalogueImage(e.getKey(), e.getValue().repository(),
                        e.getValue().tag()), Set.copyOf(e.getValue().plugins())))
                .sorted(Comparator.comparingInt((Candidate c) -> c.plugins().size()).thenComparing(Candidate::name))
                .toList();
        this.fallback = fallback;
    }

    /**
     * The smallest entry that has every selected plugin baked in, else the default image (all allowed plugins).
     * An agent without plugins runs the default image: every entry would contain the empty set, and picking one
     * would hand it whatever the smallest entry happens to be.
     */
    public CatalogueImage imageFor(List<String> plugins) {
        if (plugins.isEmpty()) {
            return fallback;
        }
        return entries.stream().filter(c -> c.plugins().containsAll(plugins)).map(Candidate::image).findFirst()
                .orElse(fallback);
    }
}
