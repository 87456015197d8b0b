package io.agentlaunchpad.testing;

import io.agentlaunchpad.config.LaunchpadConfig;
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
}
