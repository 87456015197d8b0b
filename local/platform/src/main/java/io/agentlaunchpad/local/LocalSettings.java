package io.agentlaunchpad.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The local platform's own settings, from the environment (each listed in the README with its default). */
record LocalSettings(String host, int port, Path home, Duration authorizerCacheTtl, Duration integrationTimeout,
                     String jwtPublicKeyLocation, String jwtIssuer) {

    LocalSettings(String host, int port, Path home, Duration authorizerCacheTtl, Duration integrationTimeout) {
        this(host, port, home, authorizerCacheTtl, integrationTimeout, null, null);
    }


    static LocalSettings from(Map<String, String> env) {
        return new LocalSettings(
                env.getOrDefault("LAUNCHPAD_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("LAUNCHPAD_PORT", "8080")),
                Path.of(env.getOrDefault("LAUNCHPAD_HOME", ".launchpad")).toAbsolutePath(),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAUNCHPAD_AUTHORIZER_CACHE_SECONDS", "0"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAUNCHPAD_INTEGRATION_TIMEOUT_SECONDS", "29"))),
                env.get("LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION"),
                env.getOrDefault("LAUNCHPAD_JWT_ISSUER", "https://sso.yourdomain.com"));
    }
}
