package io.agentlaunchpad.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** What the deployer creates on the cluster and how it reaches it, under {@code launchpad.cluster.*}. */
@ConfigMapping(prefix = "launchpad.cluster")
public interface ClusterConfig {

    /** {@code kubeconfig}: the client's usual configuration (kind, k3d, minikube, the simulated cluster); {@code eks}. */
    @WithDefault("kubeconfig")
    String mode();

    Eks eks();

    /** How long the status route's probe of an agent's URL may take. */
    @WithDefault("2S")
    java.time.Duration probeTimeout();

    /** Server-side apply's one field manager. */
    @WithDefault("agent-launchpad")
    String fieldManager();

    /** Owner namespaces are {@code <prefix><owner>}. */
    @WithDefault("agents-")
    String namespacePrefix();

    Ingress ingress();

    Quota quota();

    /**
     * The command the agent image runs: its start script with the mounted character. Not the {@code elizaos} CLI,
     * which asks npm for a newer CLI on every start (a long stall with no network) and may install one.
     */
    @WithDefault("node,/app/start-agent.mjs,/etc/elizaos/character.json")
    java.util.List<String> command();

    /**
     * The operator's own Sentry DSN for the agents' error reports. Absent (the default): telemetry is off. ElizaOS
     * 1.7.2 has no switch for it and falls back to elizaOS's own DSN when {@code SENTRY_DSN} is empty, so "off" is a
     * value its Sentry client cannot parse: the client then has no transport and sends nothing.
     */
    Optional<String> telemetryDsn();

    /**
     * Where the Kubernetes API server's own connections to pods come from (its service proxy, which the messages
     * routes use to reach an agent): on EKS the control plane's network interfaces in the cluster's VPC subnets.
     * The network policy admits these ranges to the agent port beside the ingress controller; none by default.
     */
    Optional<java.util.List<String>> apiServerCidrs();

    Egress egress();

    Storage storage();

    /**
     * Model-provider credentials every agent gets, by ElizaOS variable name (OPENAI_API_KEY, ANTHROPIC_API_KEY,
     * GOOGLE_GENERATIVE_AI_API_KEY, OPENROUTER_API_KEY, OLLAMA_API_ENDPOINT), e.g. from the Lambda's encrypted
     * environment: {@code launchpad.cluster.model-credentials.OPENAI_API_KEY=${OPENAI_API_KEY}}.
     */
    java.util.Map<String, String> modelCredentials();

    /**
     * Whose agents get {@link #modelCredentials()}: owners' user ids, or {@code *} for every owner; nobody by default.
     * An agent's own key ({@code platforms.openai.apiKey} ...) is its alone and wins over the platform's.
     */
    Optional<java.util.List<String>> modelCredentialsOwners();

    /** Whether the platform's model keys go into this owner's agents' Secrets. */
    default boolean sharesModelCredentialsWith(String owner) {
        return modelCredentialsOwners().map(owners -> owners.contains("*") || owners.contains(owner)).orElse(false);
    }

    interface Eks {
        /** The EKS cluster name: the token's {@code x-k8s-aws-id}, and the DescribeCluster key. */
        Optional<String> clusterName();

        Optional<String> region();

        /** API server URL and base64 CA; read with {@code eks:DescribeCluster} when absent. */
        Optional<String> endpoint();

        Optional<String> certificateAuthorityData();

        /** The EKS API itself (DescribeCluster), for stubs only; the regional endpoint otherwise. */
        Optional<java.net.URI> apiEndpointOverride();
    }

    interface Ingress {
        @WithDefault("nginx")
        String className();

        /** The namespace of the ingress controller: the only source of traffic the network policy admits. */
        @WithDefault("ingress-nginx")
        String controllerNamespace();

        /** The TLS certificate secret for {@code *.<agents domain>}; the controller's default one when absent. */
        Optional<String> tlsSecret();
    }

    interface Egress {
        /**
         * Private ranges agents may reach beside the public internet (e.g. a model endpoint inside the VPC,
         * {@code 10.20.0.0/24}); every private, shared and link-local range is closed otherwise.
         */
        Optional<java.util.List<String>> allowedPrivateCidrs();
    }

    /** The agent's writable disk: its emptyDir volumes are bounded, and so is the container's ephemeral storage. */
    interface Storage {
        /** {@code /data}: PGlite's database and the agent's home. */
        @WithDefault("1Gi")
        String dataSizeLimit();

        @WithDefault("256Mi")
        String tmpSizeLimit();

        /** The container's ephemeral-storage request and limit: both volumes, its logs and writable layer. */
        @WithDefault("2Gi")
        String ephemeralStorage();
    }

    /** Per owner namespace. */
    interface Quota {
        @WithDefault("8")
        String cpu();

        @WithDefault("32Gi")
        String memory();

        @WithDefault("20")
        String pods();

        /** All of the owner's pods' ephemeral storage together (requests and limits). */
        @WithDefault("40Gi")
        String ephemeralStorage();
    }
}
