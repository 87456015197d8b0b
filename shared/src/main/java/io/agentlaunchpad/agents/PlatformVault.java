package io.agentlaunchpad.agents;

import io.agentlaunchpad.secrets.SecretSealer;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.agents.Platform;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Platform settings sealed for storage, opened only by the deployer, and redacted for every response; and each
 * agent's own API token ({@code ELIZA_SERVER_AUTH_TOKEN}), sealed the same way, opened only by the deployer (into
 * the agent's Secret) and by the messages service (to call the agent).
 */
@ApplicationScoped
public class PlatformVault {

    private static final TypeReference<Map<String, Map<String, String>>> SETTINGS = new TypeReference<>() {
    };

    private static final int AUTH_TOKEN_BYTES = 32;
    /** Separates the token's sealing context from the platform settings': one does not open as the other. */
    private static final String AUTH_TOKEN_CONTEXT = "#auth-token";

    private final SecretSealer sealer;
    private final SecureRandom random = new SecureRandom();

    public PlatformVault(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public String seal(String agentId, Map<String, Map<String, String>> platforms) {
        return sealer.seal(Json.write(platforms).getBytes(StandardCharsets.UTF_8), agentId);
    }

    public Map<String, Map<String, String>> unseal(String agentId, String sealed) {
        try {
            return Json.MAPPER.readValue(sealer.unseal(sealed, agentId), SETTINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sealed platform settings of " + agentId + " are not readable", e);
        }
    }

    /** A new agent token, sealed: 32 random bytes, URL-safe base64 (a header value as it is). */
    public String newSealedAuthToken(String agentId) {
        byte[] token = new byte[AUTH_TOKEN_BYTES];
        random.nextBytes(token);
        return sealer.seal(Base64.getUrlEncoder().withoutPadding().encodeToString(token)
                .getBytes(StandardCharsets.US_ASCII), agentId + AUTH_TOKEN_CONTEXT);
    }

    public String unsealAuthToken(String agentId, String sealed) {
        return new String(sealer.unseal(sealed, agentId + AUTH_TOKEN_CONTEXT), StandardCharsets.US_ASCII);
    }

    /** The settings as a response may show them: every secret value replaced, the rest as given. */
    public static Map<String, Map<String, String>> redact(Map<String, Map<String, String>> platforms) {
        Map<String, Map<String, String>> view = new LinkedHashMap<>();
        platforms.forEach((key, settings) -> {
            Platform platform = Platform.byKey(key).orElseThrow();
            Map<String, String> shown = new LinkedHashMap<>();
            settings.forEach((field, value) -> shown.put(field,
                    platform.field(field).map(Platform.Field::secret).orElse(true) ? Platform.REDACTED : value));
            view.put(key, shown);
        });
        return view;
    }
}
