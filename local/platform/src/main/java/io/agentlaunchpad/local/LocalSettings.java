package io.agentlaunchpad.local;

import io.agentlaunchpad.deploy.QueueDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local platform's own settings, from the environment (each listed in docs/local-platform.md with its default).
 *
 * @param jwtPublicKeyLocation {@code LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION}: the key (PEM or JWK file, or a JWKS URL)
 *                    bearer JWTs are verified with; unset, every bearer token is refused
 * @param jwtAudience {@code LAUNCHPAD_JWT_AUDIENCE}: the audience a token must name, as the authorizer Lambda's
 * @param kubeconfig  {@code LAUNCHPAD_KUBECONFIG}: absent for the simulated cluster; a file path, or {@code current}
 *                    for the usual kubeconfig ($KUBECONFIG or ~/.kube/config), to deploy to that real cluster
 * @param kubeContext {@code LAUNCHPAD_KUBE_CONTEXT}: a context of that kubeconfig other than its current one
 * @param registry    {@code LAUNCHPAD_REGISTRY}: {@code simulated} (findings from {@code registryFile}) or {@code ecr}
 * @param queueVisibilitySeconds {@code LAUNCHPAD_QUEUE_VISIBILITY_SECONDS}: the deploy queue's visibility timeout,
 *                    after which a record that failed (or whose invocation died) is delivered again; AWS's 180 by
 *                    default, a few seconds for a suite that waits for redeliveries
 */
record LocalSettings(String host, int port, Path home, Duration authorizerCacheTtl, Duration integrationTimeout,
                     String jwtPublicKeyLocation, String jwtIssuer, String jwtAudience, String kubeconfig,
                     String kubeContext,
                     Duration simulatedReadyDelay, Duration reconcileInterval, String registry, Path registryFile,
                     int queueVisibilitySeconds) {

    static final String CURRENT_KUBECONFIG = "current";

    /** Defaults for everything but the listener, the state directory and the gateway's two timings. */
    LocalSettings(String host, int port, Path home, Duration authorizerCacheTtl, Duration integrationTimeout) {
        this(host, port, home, authorizerCacheTtl, integrationTimeout, null, "https://sso.yourdomain.com",
                "agent-launchpad", null, null,
                Duration.ofSeconds(3), Duration.ofSeconds(60), "simulated", home.resolve("registry.json"),
                QueueDefinition.DEPLOY.visibilityTimeoutSeconds());
    }

    static LocalSettings from(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("LAUNCHPAD_HOME", ".launchpad")).toAbsolutePath();
        String registry = env.getOrDefault("LAUNCHPAD_REGISTRY", "simulated");
        if (!registry.equals("simulated") && !registry.equals("ecr")) {
            throw new IllegalArgumentException("LAUNCHPAD_REGISTRY must be simulated or ecr, not " + registry);
        }
        int visibility = Integer.parseInt(env.getOrDefault("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS",
                Integer.toString(QueueDefinition.DEPLOY.visibilityTimeoutSeconds())));
        if (visibility < 0 || visibility > 43_200) {
            throw new IllegalArgumentException("LAUNCHPAD_QUEUE_VISIBILITY_SECONDS must be 0 to 43200 (SQS's range), not "
                    + visibility);
        }
        return new LocalSettings(
                env.getOrDefault("LAUNCHPAD_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("LAUNCHPAD_PORT", "8080")),
                home,
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAUNCHPAD_AUTHORIZER_CACHE_SECONDS", "0"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAUNCHPAD_INTEGRATION_TIMEOUT_SECONDS", "29"))),
                env.get("LAUNCHPAD_JWT_PUBLIC_KEY_LOCATION"),
                env.getOrDefault("LAUNCHPAD_JWT_ISSUER", "https://sso.yourdomain.com"),
                env.getOrDefault("LAUNCHPAD_JWT_AUDIENCE", "agent-launchpad"),
                blankToNull(env.get("LAUNCHPAD_KUBECONFIG")),
                blankToNull(env.get("LAUNCHPAD_KUBE_CONTEXT")),
                Duration.ofMillis((long) (1000 * Double.parseDouble(
                        env.getOrDefault("LAUNCHPAD_SIMULATED_READY_SECONDS", "3")))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAUNCHPAD_RECONCILE_SECONDS", "60"))),
                registry,
                Path.of(env.getOrDefault("LAUNCHPAD_REGISTRY_FILE", home.resolve("registry.json").toString()))
                        .toAbsolutePath(),
                visibility);
    }

    boolean simulatedCluster() {
        return kubeconfig == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
