package io.agentlaunchpad.secrets;

import io.agentlaunchpad.agents.PlatformVault;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent API token: 32 random bytes, sealed for one agent, and not interchangeable with its platform settings. */
class AgentAuthTokenSealingTest {

    static PlatformVault vault() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new PlatformVault(new AesGcmSecretSealer(key));
    }

    @Test
    void aNewTokenIsUrlSafeRandomAndOpensOnlyForItsAgent() {
        PlatformVault vault = vault();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String sealed = vault.newSealedAuthToken("agent-a");
            String token = vault.unsealAuthToken("agent-a", sealed);
            assertThat(token).matches("^[A-Za-z0-9_-]{43}$");
            assertThat(sealed).doesNotContain(token);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(50);
        String sealed = vault.newSealedAuthToken("agent-a");
        assertThatThrownBy(() -> vault.unsealAuthToken("agent-b", sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void platformSettingsDoNotOpenAsAToken_norATokenAsSettings() {
        PlatformVault vault = vault();
        String settings = vault.seal("agent-a", Map.of("discord", Map.of("token", "t")));
        String token = vault.newSealedAuthToken("agent-a");

        assertThatThrownBy(() -> vault.unsealAuthToken("agent-a", settings)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.unseal("agent-a", token)).isInstanceOf(RuntimeException.class);
        assertThat(token).startsWith("aesgcm.v1.");
    }
}
