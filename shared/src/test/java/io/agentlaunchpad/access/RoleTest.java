package io.agentlaunchpad.access;

import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The role → permission mapping against the route table: what each role may call. */
class RoleTest {

    static Principal as(Role role) {
        return new Principal("user-x", "x", role.name(), new LinkedHashSet<>(List.of(role.permissionsText().split(","))), null);
    }

    @Test
    void everyRouteDeclaresAPermissionAndAdminHoldsThemAll() {
        for (Route route : RouteTable.ROUTES) {
            assertThat(route.permission()).as(route.function()).isNotBlank().contains(":");
            assertThat(as(Role.ADMIN).can(route.permission())).as(route.function()).isTrue();
        }
    }

    @Test
    void viewerMayOnlyRead() {
        for (Route route : RouteTable.ROUTES) {
            boolean allowed = as(Role.VIEWER).can(route.permission());
            if (allowed) {
                assertThat(route.method()).as(route.function()).isEqualTo("GET");
            }
        }
        assertThat(as(Role.VIEWER).can("agents:read")).isTrue();
        assertThat(as(Role.VIEWER).can("keys:create")).isFalse();
    }

    @Test
    void userManagesAgentsKeysAndProfileButNotTheSystem() {
        Principal user = as(Role.USER);
        assertThat(user.can("agents:create")).isTrue();
        assertThat(user.can("agents:delete")).isTrue();
        assertThat(user.can("keys:revoke")).isTrue();
        assertThat(user.can("profile:update")).isTrue();
        assertThat(user.can("security:scan")).isTrue();
        assertThat(user.can("system:read")).isFalse();
        assertThat(user.can("users:read")).isFalse();
    }

    @Test
    void rolesRankViewerBelowUserBelowAdmin() {
        assertThat(Role.ADMIN.atLeast(Role.USER)).isTrue();
        assertThat(Role.USER.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.atLeast(Role.USER)).isFalse();
        assertThat(Role.parse("admin")).contains(Role.ADMIN);
        assertThat(Role.parse("ROOT")).isEmpty();
    }
}
