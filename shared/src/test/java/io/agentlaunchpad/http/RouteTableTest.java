package io.agentlaunchpad.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    /** Every route of the API reference (../shared/seed/api-reference.md), as method and path. */
    static final List<String> SEED_ROUTES = List.of(
            "POST /api/auth/generate-key",
            "POST /api/agents",
            "GET /api/agents/{agentId}/status",
            "GET /api/agents",
            "POST /api/agents/{agentId}/scale",
            "PUT /api/agents/{agentId}",
            "POST /api/agents/{agentId}/restart",
            "DELETE /api/agents/{agentId}",
            "GET /api/agents/{agentId}/metrics",
            "GET /api/agents/{agentId}/logs",
            "POST /api/security/scan/{agentId}",
            "GET /api/security/events",
            "GET /api/health",
            "GET /api/system/metrics",
            "GET /api/users/profile",
            "PUT /api/users/profile");

    @Test
    void holdsEveryRouteOfTheApiReference() {
        Set<String> table = RouteTable.ROUTES.stream().map(r -> r.method() + " " + r.pathTemplate())
                .collect(Collectors.toSet());
        assertThat(table).containsAll(SEED_ROUTES);
    }

    @Test
    void functionNamesAndRoutesAreUnique() {
        assertThat(RouteTable.ROUTES.stream().map(Route::function).distinct()).hasSize(RouteTable.ROUTES.size());
        assertThat(RouteTable.ROUTES.stream().map(r -> r.method() + " " + r.pathTemplate()).distinct())
                .hasSize(RouteTable.ROUTES.size());
    }

    @Test
    void everyRouteDeclaresAPermissionInResourceActionStyle() {
        RouteTable.ROUTES.forEach(r -> assertThat(r.permission()).as(r.function()).matches("^[a-z]+:[a-z*-]+$"));
    }

    @Test
    void matchPicksTheRouteAndPrefersLiteralSegments() {
        assertThat(RouteTable.match("GET", "/api/agents/agent-1/status")).map(Route::function).contains("getAgentStatus");
        assertThat(RouteTable.match("GET", "/api/agents/agent-1")).map(Route::function).contains("getAgent");
        assertThat(RouteTable.match("GET", "/api/agents")).map(Route::function).contains("listAgents");
        assertThat(RouteTable.match("PATCH", "/api/agents/agent-1")).isEmpty();
        assertThat(RouteTable.match("GET", "/api/agents/agent-1/status/extra")).isEmpty();
    }

    @Test
    void pathParametersAreReadFromTheTemplate() {
        assertThat(RouteTable.byFunction("scaleAgent").pathParameters()).containsExactly("agentId");
        assertThat(RouteTable.byFunction("listAgents").pathParameters()).isEmpty();
    }
}
