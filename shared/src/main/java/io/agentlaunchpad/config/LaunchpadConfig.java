package io.agentlaunchpad.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Every setting of the platform under {@code launchpad.*}; each is listed with its default in the README. */
@ConfigMapping(prefix = "launchpad")
public interface LaunchpadConfig {

    Tables tables();

    Queue queue();

    Agents agents();

    Sealing sealing();

    Sqs sqs();

    Idempotency idempotency();

    interface Tables {
        /** Prepended to every table name, e.g. {@code launchpad-prod-}. */
        @WithDefault("launchpad-")
        String prefix();
    }

    interface Queue {
        /** URL of the deploy command queue. */
        String deployUrl();
    }

    interface Agents {
        /** Agents are served at {@code https://<agentId>.<domain>}. */
        @WithDefault("agents.localhost")
        String domain();

        @WithDefault("5-10 minutes")
        String estimatedDeployTime();

        /** The plugins an agent may select: each is baked into the catalogue's images and scanned. */
        @WithDefault("@elizaos/plugin-bootstrap,@elizaos/plugin-sql,@elizaos/plugin-openai,@elizaos/plugin-anthropic,"
                + "@elizaos/plugin-openrouter,@elizaos/plugin-ollama,@elizaos/plugin-discord,@elizaos/plugin-telegram,"
                + "@elizaos/plugin-twitter,@elizaos/plugin-web3,@elizaos/plugin-knowledge")
        List<String> plugins();

        @WithDefault("1Gi")
        String defaultMemory();

        @WithDefault("500m")
        String defaultCpu();

        @WithDefault("1")
        int defaultReplicas();

        /** ElizaOS needs about 0.5–2 GiB at boot; less crash-loops with OOMKilled. */
        @WithDefault("512Mi")
        String minMemory();

        @WithDefault("16Gi")
        String maxMemory();

        @WithDefault("100m")
        String minCpu();

        @WithDefault("8")
        String maxCpu();

        @WithDefault("10")
        int maxReplicas();

        /** Largest request body accepted, in bytes. */
        @WithDefault("262144")
        int maxBodyBytes();

        @WithDefault("100")
        int maxListLimit();

        @WithDefault("10000")
        int maxListOffset();
    }

    interface Sealing {
        /** The KMS key sealing platform tokens at rest by envelope encryption (AWS). */
        Optional<String> kmsKeyId();

        /** Without a KMS key: base64 of a 32-byte AES key (tests and the local platform). */
        Optional<String> key();
    }

    /** The SQS client: endpoint and static credentials only for emulators; otherwise the AWS default chains. */
    interface Sqs {
        Optional<URI> endpointOverride();

        Optional<String> region();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }

    interface Idempotency {
        /** How long the first answer to an {@code Idempotency-Key} is replayed. */
        @WithDefault("24")
        int ttlHours();
    }
}
