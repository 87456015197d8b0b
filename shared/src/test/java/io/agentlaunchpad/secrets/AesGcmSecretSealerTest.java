package io.agentlaunchpad.secrets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmSecretSealerTest {

    static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    final AesGcmSecretSealer sealer = new AesGcmSecretSealer(key());

    @Test
    void sealedValuesOpenWithTheSameContextAndShowNothingInClear() {
        byte[] secret = "discord-token-123".getBytes(StandardCharsets.UTF_8);
        String sealed = sealer.seal(secret, "agent-1");
        assertThat(sealed).doesNotContain("discord").startsWith("aesgcm.v1.");
        assertThat(sealer.unseal(sealed, "agent-1")).isEqualTo(secret);
        assertThat(sealer.seal(secret, "agent-1")).as("a fresh IV each time").isNotEqualTo(sealed);
    }

    @Test
    void aValueMovedToAnotherAgentDoesNotOpen() {
        String sealed = sealer.seal("x".getBytes(StandardCharsets.UTF_8), "agent-1");
        assertThatThrownBy(() -> sealer.unseal(sealed, "agent-2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedValueOrAnotherKeyDoesNotOpen() {
        String sealed = sealer.seal("x".getBytes(StandardCharsets.UTF_8), "agent-1");
        byte[] raw = java.util.Base64.getUrlDecoder().decode(sealed.substring("aesgcm.v1.".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "aesgcm.v1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> sealer.unseal(tampered, "agent-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesGcmSecretSealer(key()).unseal(sealed, "agent-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new AesGcmSecretSealer(new byte[16])).hasMessageContaining("32 bytes");
    }
}
