package io.agentlaunchpad.cluster.kubernetes;

import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.quantity.Quantity;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment's plain environment for ElizaOS 1.7.2 (the Secret adds tokens and keys through {@code envFrom}):
 * where it listens and keeps its data, and everything that would reach out on its own switched off - the web UI,
 * auto-installs, and Sentry unless the operator gave a DSN of their own.
 */
final class AgentEnvironment {

    /** Not a DSN Sentry can parse: its client is built without a transport and sends nothing. */
    static final String TELEMETRY_OFF = "off";
    /**
     * What an idle ElizaOS 1.7.2 holds outside V8's heap (code, buffers, PGlite's WASM memory): about 400 MiB of its
     * 440-490 MiB resident at start, with 40 MiB of heap used (measured on the real agent).
     */
    private static final long OUTSIDE_HEAP_MIB = 384;
    private static final long MIN_HEAP_MIB = 128;
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);

    private AgentEnvironment() {
    }

    static List<EnvVar> of(String memoryLimit, Optional<String> telemetryDsn) {
        List<EnvVar> env = new ArrayList<>();
        env.add(plain("SERVER_PORT", Integer.toString(AgentNames.PORT)));
        env.add(plain("SERVER_HOST", "0.0.0.0"));
        env.add(plain("PGLITE_DATA_DIR", "/data/pglite"));
        env.add(plain("HOME", "/data/home"));
        // ElizaOS creates <ELIZA_DATA_DIR>/data/uploads at start, by default under the working directory, which is
        // the read-only image: it would not start.
        env.add(plain("ELIZA_DATA_DIR", "/data/eliza"));
        env.add(plain("NODE_ENV", "production"));
        env.add(plain("ELIZA_UI_ENABLE", "false"));
        env.add(plain("ELIZA_NO_AUTO_INSTALL", "true"));
        env.add(plain("ELIZA_NO_PLUGIN_AUTO_INSTALL", "true"));
        env.add(plain("SENTRY_DSN", telemetryDsn.filter(dsn -> !dsn.isBlank()).orElse(TELEMETRY_OFF)));
        env.add(plain("NODE_OPTIONS", "--max-old-space-size=" + heapMib(memoryLimit)));
        return env;
    }

    /**
     * V8's heap cap: the memory limit less what the agent holds outside the heap, so V8 collects garbage before the
     * kernel kills the container (left alone, V8 sizes its heap from the node's memory, not the container's limit).
     */
    static long heapMib(String memoryLimit) {
        long limitMib = Quantity.require(memoryLimit).divide(MIB, 0, RoundingMode.FLOOR).longValueExact();
        return Math.max(MIN_HEAP_MIB, limitMib - OUTSIDE_HEAP_MIB);
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
