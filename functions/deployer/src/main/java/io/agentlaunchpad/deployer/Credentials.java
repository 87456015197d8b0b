package io.agentlaunchpad.deployer;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.Platform;
import io.agentlaunchpad.agents.PlatformVault;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Secret's environment: the platform's model keys where the owner is opted in, then the agent's platform settings
 * and its own model keys (unsealed here only; an agent's own key wins), and the agent's own API token, without which
 * ElizaOS leaves all of its {@code /api} open (the environment, stop, ...).
 */
final class Credentials {

    static final String AUTH_TOKEN_VARIABLE = "ELIZA_SERVER_AUTH_TOKEN";
    static final Set<String> MODEL_VARIABLES = Set.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY",
            "GOOGLE_GENERATIVE_AI_API_KEY", "OPENROUTER_API_KEY", "OLLAMA_API_ENDPOINT");

    private Credentials() {
    }

    static Map<String, String> environment(Agent agent, PlatformVault vault, Map<String, String> modelCredentials) {
        Map<String, String> env = new TreeMap<>();
        modelCredentials.forEach((name, value) -> {
            if (MODEL_VARIABLES.contains(name) && value != null && !value.isBlank()) {
                env.put(name, value);
            }
        });
        if (agent.sealedPlatforms() != null) {
            vault.unseal(agent.agentId(), agent.sealedPlatforms()).forEach((key, settings) ->
                    Platform.byKey(key).ifPresent(platform -> settings.forEach((field, value) ->
                            platform.field(field).map(Platform.Field::environmentVariable)
                                    .filter(variable -> value != null)
                                    .ifPresent(variable -> env.put(variable, value)))));
        }
        if (agent.sealedAuthToken() != null) {
            // last, so nothing else can set it
            env.put(AUTH_TOKEN_VARIABLE, vault.unsealAuthToken(agent.agentId(), agent.sealedAuthToken()));
        }
        return env;
    }
}
