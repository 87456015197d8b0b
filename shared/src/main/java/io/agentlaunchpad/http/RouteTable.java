package io.agentlaunchpad.http;

import io.agentlaunchpad.access.Permissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The single source of truth for the HTTP surface: every route of the API reference plus those the platform adds.
 * The function modules, the local gateway, the CDK app, the SAM template and openapi.yaml are all checked against it
 * (openapi.yaml: every route here and no other, each operationId the function, in OpenApiContractTest; the answers
 * the functions make against its response schemas in the *ContractTests and the route tests of functions/api).
 */
public final class RouteTable {

    /**
     * For routes whose function reads the cluster (io.agentlaunchpad.cluster, fabric8): the infrastructure gives
     * exactly those Lambdas eks mode and a read-only Kubernetes group (infra-cdk/k8s/reader-rbac.yaml).
     */
    private static final boolean READS_CLUSTER = true;

    public static final List<Route> ROUTES = List.of(
            // Authentication
            new Route("POST", "/api/auth/generate-key", "generateKey", Permissions.KEYS_CREATE),
            new Route("GET", "/api/auth/keys", "listKeys", Permissions.KEYS_READ),
            new Route("DELETE", "/api/auth/keys/{keyId}", "revokeKey", Permissions.KEYS_REVOKE),
            // Agent management
            new Route("POST", "/api/agents", "createAgent", Permissions.AGENTS_CREATE),
            new Route("GET", "/api/agents", "listAgents", Permissions.AGENTS_READ),
            new Route("GET", "/api/agents/{agentId}", "getAgent", Permissions.AGENTS_READ),
            new Route("PUT", "/api/agents/{agentId}", "updateAgent", Permissions.AGENTS_UPDATE),
            new Route("DELETE", "/api/agents/{agentId}", "deleteAgent", Permissions.AGENTS_DELETE),
            new Route("GET", "/api/agents/{agentId}/status", "getAgentStatus", Permissions.AGENTS_READ, READS_CLUSTER),
            new Route("POST", "/api/agents/{agentId}/scale", "scaleAgent", Permissions.AGENTS_UPDATE),
            new Route("POST", "/api/agents/{agentId}/restart", "restartAgent", Permissions.AGENTS_UPDATE),
            // Rollout timeline (issue #18): what happened to the agent, newest first
            new Route("GET", "/api/agents/{agentId}/events", "listAgentEvents", Permissions.AGENTS_READ),
            // Revisions and rollback (issue #18, docs/revisions.md)
            new Route("GET", "/api/agents/{agentId}/revisions", "listAgentRevisions", Permissions.AGENTS_READ),
            new Route("GET", "/api/agents/{agentId}/revisions/{revision}", "getAgentRevision",
                    Permissions.AGENTS_READ),
            new Route("POST", "/api/agents/{agentId}/rollback", "rollbackAgent", Permissions.AGENTS_UPDATE),
            // Monitoring
            new Route("GET", "/api/agents/{agentId}/metrics", "getAgentMetrics", Permissions.AGENTS_READ, READS_CLUSTER),
            new Route("GET", "/api/agents/{agentId}/logs", "getAgentLogs", Permissions.AGENTS_READ, READS_CLUSTER),
            // Conversations: through the Kubernetes API server's service proxy to the agent's own API
            new Route("POST", "/api/agents/{agentId}/messages", "sendAgentMessage", Permissions.AGENTS_MESSAGE,
                    READS_CLUSTER),
            new Route("GET", "/api/agents/{agentId}/messages", "listAgentMessages", Permissions.AGENTS_MESSAGE,
                    READS_CLUSTER),
            // Security
            new Route("POST", "/api/security/scan/{agentId}", "scanAgent", Permissions.SECURITY_SCAN),
            new Route("GET", "/api/security/scans/{scanId}", "getScan", Permissions.SECURITY_READ),
            new Route("GET", "/api/security/events", "listSecurityEvents", Permissions.SECURITY_READ),
            // Health and status
            new Route("GET", "/api/health", "getHealth", Permissions.HEALTH_READ, READS_CLUSTER),
            new Route("GET", "/api/system/metrics", "getSystemMetrics", Permissions.SYSTEM_READ, READS_CLUSTER),
            // Users
            new Route("GET", "/api/users/profile", "getUserProfile", Permissions.PROFILE_READ),
            new Route("PUT", "/api/users/profile", "updateUserProfile", Permissions.PROFILE_UPDATE),
            // Identity links (issue #17 item 4, docs/identity.md): an admin links a token identity to a user
            new Route("POST", "/api/users/links", "linkIdentity", Permissions.USERS_LINK),
            new Route("GET", "/api/users/links", "listIdentityLinks", Permissions.USERS_LINK),
            new Route("DELETE", "/api/users/links/{linkId}", "unlinkIdentity", Permissions.USERS_LINK));

    private static final Map<String, Route> BY_FUNCTION = ROUTES.stream()
            .collect(Collectors.toUnmodifiableMap(Route::function, Function.identity()));

    private RouteTable() {
    }

    public static Route byFunction(String function) {
        Route route = BY_FUNCTION.get(function);
        if (route == null) {
            throw new IllegalArgumentException("no route is served by function " + function);
        }
        return route;
    }

    /** The route a concrete method and path select, as API Gateway would pick it (literal segments win). */
    public static Optional<Route> match(String method, String path) {
        return ROUTES.stream()
                .filter(r -> r.method().equals(method) && r.pathPattern().matcher(path).matches())
                .min((a, b) -> Integer.compare(a.pathParameters().size(), b.pathParameters().size()));
    }
}
