package io.agentlaunchpad.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.agents.Platform;
import io.agentlaunchpad.json.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Platform settings sealed for storage, opened only by the deployer, and redacted for every response. */
@ApplicationScoped
public class PlatformVault {

    private static final TypeReference<Map<String, Map<String, String>>> SETTINGS = new TypeReference<>() {
    };

    private final SecretSealer sealer;

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
