package io.agentlaunchpad.scan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image catalogue and the scan policy, under {@code launchpad.images.*}. Every image has its plugins baked in
 * (ElizaOS would otherwise {@code bun add} them at start-up, outside any scan), so a plugin set maps to an image.
 */
@ConfigMapping(prefix = "launchpad.images")
public interface ImagesConfig {

    /** The image for any allowed plugin set that no catalogue entry names: an ECR repository... */
    @WithDefault("elizaos-agent")
    String defaultRepository();

    /** ...and its tag, resolved to a digest before every deploy. */
    @WithDefault("1.4.4")
    String defaultTag();

    /**
     * Named entries {@code launchpad.images.catalogue.<name>.repository|tag|plugins}; the smallest entry whose
     * plugins include every selected plugin serves the agent.
     */
    Map<String, Entry> catalogue();

    /** Finding severities that block a deploy (ECR names: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED). */
    @WithDefault("CRITICAL")
    Set<String> blockingSeverities();

    /** The ECR registry (AWS account id); the caller's own registry when absent. */
    Optional<String> registryId();

    interface Entry {
        String repository();

        String tag();

        List<String> plugins();
    }
}
