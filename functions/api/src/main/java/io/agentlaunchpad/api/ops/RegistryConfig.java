package io.agentlaunchpad.api.ops;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

/** How the API reaches ECR, under {@code launchpad.registry.*}; the Lambda's role and region when absent. */
@ConfigMapping(prefix = "launchpad.registry")
public interface RegistryConfig {

    /** Only for a stub of ECR. */
    Optional<URI> endpointOverride();

    Optional<String> region();

    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
}
