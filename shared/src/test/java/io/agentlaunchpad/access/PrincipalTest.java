package io.agentlaunchpad.access;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalTest {

    @Test
    void readsTheAuthorizerContext() {
        Principal p = Principal.fromAuthorizerContext(Map.of("principalId", "user-1", "userId", "user-1",
                "username", "alice", "role", "USER", "permissions", "agents:*, profile:read", "keyId", "key_1"));
        assertThat(p.userId()).isEqualTo("user-1");
        assertThat(p.permissions()).containsExactly("agents:*", "profile:read");
        assertThat(p.isAdmin()).isFalse();
    }

    @Test
    void withoutAUserOrRoleThereIsNoPrincipal() {
        assertThat(Principal.fromAuthorizerContext(Map.of())).isNull();
        assertThat(Principal.fromAuthorizerContext(Map.of("userId", "user-1"))).isNull();
        assertThat(Principal.fromAuthorizerContext(Map.of("role", "ADMIN", "userId", " "))).isNull();
    }

    @Test
    void wildcardsGrantEveryActionOfTheirResourceOnly() {
        Principal p = Principal.fromAuthorizerContext(Map.of("userId", "u", "role", "USER", "permissions", "agents:*,profile:read"));
        assertThat(p.can("agents:delete")).isTrue();
        assertThat(p.can("profile:read")).isTrue();
        assertThat(p.can("profile:update")).isFalse();
        assertThat(p.can("system:read")).isFalse();
        Principal admin = Principal.fromAuthorizerContext(Map.of("userId", "a", "role", "ADMIN", "permissions", "*"));
        assertThat(admin.can("system:read")).isTrue();
        assertThat(admin.isAdmin()).isTrue();
    }
}
