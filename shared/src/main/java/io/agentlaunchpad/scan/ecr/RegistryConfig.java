package io.agentlaunchpad.scan.ecr;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the platform reaches ECR (the deployer's scan gate, the API's scan routes and registry probe), under
 * {@code launchpad.registry.*}: the Lambda's role and region when absent; an endpoint and static credentials only
 * for a stub of ECR.
 */
@ConfigMapping(prefix = "launchpad.registry")
public interface RegistryConfig {

    Optional<URI> endpointOverride();

    Optional<String> region();

    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Connect and read timeout of each ECR call; the SDK's own when absent. */
    Optional<Duration> timeout();
}
