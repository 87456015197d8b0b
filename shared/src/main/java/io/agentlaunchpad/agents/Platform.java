package io.agentlaunchpad.agents;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The chat platforms an agent can join and the model providers it can bring its own key for, the plugin that serves
 * each, and their settings with the environment variable ElizaOS reads for each (https://docs.elizaos.ai). Secret
 * fields are sealed at rest and never shown. A chat platform's plugin needs the platform's settings; a model
 * provider's plugin does not (without the agent's own key it uses the platform's, where the owner is opted in:
 * docs/least-privilege.md).
 */
public enum Platform {
    DISCORD("discord", "@elizaos/plugin-discord", true, List.of(
            Field.secret("token", "DISCORD_API_TOKEN"),
            Field.optional("applicationId", "DISCORD_APPLICATION_ID"),
            Field.optional("guildId", null),
            Field.optional("channelIds", "CHANNEL_IDS"))),
    TELEGRAM("telegram", "@elizaos/plugin-telegram", true, List.of(
            Field.secret("token", "TELEGRAM_BOT_TOKEN"),
            Field.optional("allowedChats", "TELEGRAM_ALLOWED_CHATS"))),
    TWITTER("twitter", "@elizaos/plugin-twitter", true, List.of(
            Field.secret("apiKey", "TWITTER_API_KEY"),
            Field.secret("apiSecretKey", "TWITTER_API_SECRET_KEY"),
            Field.secret("accessToken", "TWITTER_ACCESS_TOKEN"),
            Field.secret("accessTokenSecret", "TWITTER_ACCESS_TOKEN_SECRET"),
            Field.optional("username", "TWITTER_USERNAME"))),
    // Model providers: the agent's own key, in place of the platform's.
    OPENAI("openai", "@elizaos/plugin-openai", false, List.of(Field.secret("apiKey", "OPENAI_API_KEY"))),
    ANTHROPIC("anthropic", "@elizaos/plugin-anthropic", false, List.of(Field.secret("apiKey", "ANTHROPIC_API_KEY"))),
    OPENROUTER("openrouter", "@elizaos/plugin-openrouter", false,
            List.of(Field.secret("apiKey", "OPENROUTER_API_KEY")));

    /** One setting; secret settings are always required, the others optional. */
    public record Field(String name, boolean secret, String environmentVariable) {
        static Field secret(String name, String env) {
            return new Field(name, true, env);
        }

        static Field optional(String name, String env) {
            return new Field(name, false, env);
        }
    }

    public static final int MAX_VALUE_LENGTH = 4096;
    public static final String REDACTED = "********";

    private final String key;
    private final String plugin;
    private final boolean neededByPlugin;
    private final List<Field> fields;

    Platform(String key, String plugin, boolean neededByPlugin, List<Field> fields) {
        this.key = key;
        this.plugin = plugin;
        this.neededByPlugin = neededByPlugin;
        this.fields = fields;
    }

    /** Whether selecting the plugin requires this platform's settings (chat platforms: their tokens). */
    public boolean neededByPlugin() {
        return neededByPlugin;
    }

    public String key() {
        return key;
    }

    public String plugin() {
        return plugin;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public static Optional<Platform> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static Optional<Platform> byPlugin(String plugin) {
        return Arrays.stream(values()).filter(p -> p.plugin.equals(plugin)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Platform::key).toList();
    }
}
