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

    /** The command the agent image runs ({@code elizaos start} with the mounted character). */
    @WithDefault("elizaos,start,--character,/etc/elizaos/character.json,--port,3000")
    java.util.List<String> command();

    /**
     * Model-provider credentials every agent gets, by ElizaOS variable name (OPENAI_API_KEY, ANTHROPIC_API_KEY,
     * GOOGLE_GENERATIVE_AI_API_KEY, OPENROUTER_API_KEY, OLLAMA_API_ENDPOINT), e.g. from the Lambda's encrypted
     * environment: {@code launchpad.cluster.model-credentials.OPENAI_API_KEY=${OPENAI_API_KEY}}.
     */
    java.util.Map<String, String> modelCredentials();

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

    /** Per owner namespace. */
    interface Quota {
        @WithDefault("8")
        String cpu();

        @WithDefault("32Gi")
        String memory();

        @WithDefault("20")
        String pods();
    }
}
