package io.agentlaunchpad.local;

import io.agentlaunchpad.api.monitoring.MonitoringConfig;
import io.agentlaunchpad.cluster.ClusterConfig;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.deployer.DeployerConfig;
import io.agentlaunchpad.health.HealthService;
import io.agentlaunchpad.scan.ImagesConfig;
import io.agentlaunchpad.scan.ecr.RegistryConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The platform's settings: application.properties, the environment, and what only the local platform knows. */
final class LocalConfiguration {

    static final String TABLE_PREFIX = "launchpad-";

    /**
     * Local-only defaults, each overridable like any setting: follow-ups come sooner than on AWS, and one catalogue
     * entry serves an agent whose only plugin is {@code @elizaos/plugin-knowledge} with the image the default
     * simulated registry file gives CRITICAL findings, so the scan gate's block can be tried.
     */
    static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            "launchpad.deployer.check-delay", "1S",
            "launchpad.deployer.check-max-delay", "5S",
            "launchpad.images.catalogue.knowledge.repository", "elizaos-knowledge",
            "launchpad.images.catalogue.knowledge.tag", "0.9.0",
            "launchpad.images.catalogue.knowledge.plugins", "@elizaos/plugin-knowledge");

    /** What only this process knows outranks application.properties (250) and yields to the environment (300). */
    static SmallRyeConfig build(String queueUrl, String sealingKey) {
        Map<String, String> local = new HashMap<>(LOCAL_DEFAULTS);
        local.put("launchpad.tables.prefix", TABLE_PREFIX);
        local.put("launchpad.queue.deploy-url", queueUrl);
        local.put("launchpad.sealing.key", sealingKey);
        local.put("launchpad.cluster.mode", "kubeconfig");
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(local, "local-platform", 275))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(LaunchpadConfig.class)
                .withMapping(ClusterConfig.class)
                .withMapping(DeployerConfig.class)
                .withMapping(ImagesConfig.class)
                .withMapping(MonitoringConfig.class)
                .withMapping(RegistryConfig.class)
                .withMapping(HealthService.HealthConfig.class)
                .build();
    }

    private LocalConfiguration() {
    }
}
