package io.agentlaunchpad.api.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The monitoring routes' settings, under {@code launchpad.ops.*}. */
@ConfigMapping(prefix = "launchpad.ops")
public interface MonitoringConfig {

    /** Owner namespaces are {@code <prefix><owner>}: the deployer's {@code launchpad.cluster.namespace-prefix}. */
    @WithDefault("${launchpad.cluster.namespace-prefix:agents-}")
    String namespacePrefix();

    Logs logs();

    Metrics metrics();

    interface Logs {
        /** The largest {@code lines} a caller may ask for. */
        @WithDefault("1000")
        int maxLines();

        /** How long {@code follow=true} waits for new lines: well under API Gateway's 29 s. */
        @WithDefault("20s")
        Duration followWait();

        /** How often a follow re-reads the logs while it waits. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Metrics {
        /** A Prometheus-compatible query endpoint (base URL, {@code /api/v1/query} is appended); none: unavailable. */
        Optional<String> prometheusUrl();

        @WithDefault("3s")
        Duration prometheusTimeout();
    }
}
