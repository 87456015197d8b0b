package io.agentlaunchpad.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Every setting of the platform under {@code launchpad.*}; each is listed with its default in docs/configuration.md. */
@ConfigMapping(prefix = "launchpad")
public interface LaunchpadConfig {

    Tables tables();

    Snapstart snapstart();

    Queue queue();

    Agents agents();

    Sealing sealing();

    Sqs sqs();

    Idempotency idempotency();

    Keys keys();

    RateLimits rateLimits();

    Quotas quotas();

    UsagePlans usagePlans();

    SecurityEvents securityEvents();

    Auth auth();

    Messages messages();

    interface Messages {
        /**
         * How long a message (or a conversation read) may wait for the agent: below API Gateway's 29 s integration
         * limit, so the caller gets the API's 504 rather than the gateway's.
         */
        @WithDefault("PT20S")
        java.time.Duration timeout();
    }

    interface Tables {
        /** Prepended to every table name, e.g. {@code launchpad-prod-}. */
        @WithDefault("launchpad-")
        String prefix();
    }

    /** SnapStart priming ({@code SnapStartPriming}). */
    interface Snapstart {
        /** Whether the priming call is made before the snapshot (JVM deployment with SnapStart). */
        @WithDefault("true")
        boolean priming();

        /** The table (base name) the priming GetItem reads: one the function may read under its least privilege. */
        @WithDefault("agents")
        String primingTable();

        /** Makes the priming call at start-up too, where no checkpoint comes: the cold-start bench's stand-in. */
        @WithDefault("false")
        boolean primeAtStart();
    }

    interface Queue {
        /** URL of the deploy command queue. */
        String deployUrl();
    }

    interface Agents {
        /** How many of an agent's latest revisions are kept (and can be rolled back to). */
        @WithDefault("20")
        int revisionRetention();

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

        /**
         * A real ElizaOS 1.7.2 agent idles at 440-490 MiB resident (mostly code and PGlite's WASM memory): 512Mi, the
         * API reference's own example, runs it with little headroom; less is OOMKilled at start.
         */
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

    interface Keys {
        /** Lifetime of a key when the request names none. */
        @WithDefault("90")
        int defaultExpiryDays();

        /** Longest lifetime a request may ask for with {@code expiresInDays}. */
        @WithDefault("365")
        int maxExpiryDays();

        /** {@code lastUsedAt} is written at most once per this many seconds per key. */
        @WithDefault("60")
        int lastUsedIntervalSeconds();

        /** Keys a user may hold at once (neither revoked nor expired); one more is a 429. */
        @WithDefault("10")
        int maxActivePerUser();

        /**
         * How long a warm authorizer answers a key it has read from memory instead of reading it again (0: every
         * request reads it). Only while rate limits are on: their per-request count refuses a revoked key, so the
         * revocation still stops the next request (docs/operations.md).
         */
        @WithDefault("30")
        int authorizerCacheSeconds();
    }

    /** Per-key fixed windows counted in DynamoDB; per role {@code <window limit>,<burst limit>}. */
    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("900")
        int windowSeconds();

        @WithDefault("60")
        int burstWindowSeconds();

        @WithDefault("100,20")
        String admin();

        @WithDefault("100,20")
        String user();

        @WithDefault("100,20")
        String viewer();
    }

    /** Per-user resource quotas by role: {@code agents=N,replicas=N (per agent),cpu=<quantity>,memory=<quantity>}. */
    interface Quotas {
        @WithDefault("agents=100,replicas=10,cpu=64,memory=256Gi")
        String admin();

        @WithDefault("agents=10,replicas=5,cpu=8,memory=16Gi")
        String user();

        @WithDefault("agents=0,replicas=0,cpu=0,memory=0")
        String viewer();
    }

    /**
     * API Gateway usage plans, one per role tier: {@code rate=<req/s>,burst=<requests>,quota=<requests/day>}. The CDK
     * stack declares the plans from these numbers and the local gateway emulates them; the functions register keys
     * on the plan whose id is configured.
     */
    interface UsagePlans {
        /** {@code aws} registers keys with API Gateway; {@code local} keeps the registrations in memory. */
        @WithDefault("local")
        String adapter();

        @WithDefault("rate=50,burst=100,quota=100000")
        String admin();

        @WithDefault("rate=10,burst=20,quota=10000")
        String user();

        @WithDefault("rate=5,burst=10,quota=5000")
        String viewer();

        Optional<String> adminPlanId();

        Optional<String> userPlanId();

        Optional<String> viewerPlanId();

        /**
         * The usage-plan key (an API key value registered on the tier's plan) that Bearer-token callers of each tier
         * are metered under. Every method requires a key (API key source AUTHORIZER), so without one API Gateway
         * refuses a JWT caller before the route runs. The value is no credential: API Gateway takes the key only
         * from the authorizer's answer, and the authorizer never accepts it as an {@code X-API-Key}.
         */
        Optional<String> adminJwtKey();

        Optional<String> userJwtKey();

        Optional<String> viewerJwtKey();

        /** Only for a stub or emulator of the API Gateway management API. */
        Optional<URI> endpointOverride();

        Optional<String> region();
    }

    interface SecurityEvents {
        /** Events are kept this long (DynamoDB TTL). */
        @WithDefault("90")
        int retentionDays();
    }

    /**
     * How the authorizer maps a Bearer token's {@code groups} claim to a role (the highest wins). The token itself is
     * verified by smallrye-jwt: {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences} and
     * {@code mp.jwt.verify.publickey} or {@code mp.jwt.verify.publickey.location} (a PEM, JWK set or JWKS URL).
     */
    interface Auth {
        @WithDefault("ADMIN")
        String adminGroup();

        @WithDefault("USER")
        String userGroup();

        @WithDefault("VIEWER")
        String viewerGroup();
    }
}
