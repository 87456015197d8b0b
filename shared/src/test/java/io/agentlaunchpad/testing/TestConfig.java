package io.agentlaunchpad.testing;

import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.limits.Limits;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.HashMap;
import java.util.Map;

/** {@link LaunchpadConfig} outside Quarkus, with its defaults, pointed at running {@link Backends}. */
public final class TestConfig {

    private TestConfig() {
    }

    public static LaunchpadConfig launchpad(Backends backends, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(backends.config());
        values.putAll(overrides);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withMapping(LaunchpadConfig.class)
                .build()
                .getConfigMapping(LaunchpadConfig.class);
    }

    /** The limits of the defaults with these settings, no backends needed (usage plans, rates, quotas). */
    public static Limits limits(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "launchpad.queue.deploy-url", "http://unused",
                "launchpad.sealing.key", "unused"));
        values.putAll(extra);
        return new Limits(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withMapping(LaunchpadConfig.class)
                .build()
                .getConfigMapping(LaunchpadConfig.class));
    }
}
