package io.agentlaunchpad.agents;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The chat platforms an agent can join, the plugin that serves each, and their settings with the environment
 * variable ElizaOS reads for each (https://docs.elizaos.ai). Secret fields are sealed at rest and never shown.
 */
public enum Platform {
    DISCORD("discord", "@elizaos/plugin-discord", List.of(
            Field.secret("token", "DISCORD_API_TOKEN"),
            Field.optional("applicationId", "DISCORD_APPLICATION_ID"),
            Field.optional("guildId", null),
            Field.optional("channelIds", "CHANNEL_IDS"))),
    TELEGRAM("telegram", "@elizaos/plugin-telegram", List.of(
            Field.secret("token", "TELEGRAM_BOT_TOKEN"),
            Field.optional("allowedChats", "TELEGRAM_ALLOWED_CHATS"))),
    TWITTER("twitter", "@elizaos/plugin-twitter", List.of(
            Field.secret("apiKey", "TWITTER_API_KEY"),
            Field.secret("apiSecretKey", "TWITTER_API_SECRET_KEY"),
            Field.secret("accessToken", "TWITTER_ACCESS_TOKEN"),
            Field.secret("accessTokenSecret", "TWITTER_ACCESS_TOKEN_SECRET"),
            Field.optional("username", "TWITTER_USERNAME")));

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
    private final List<Field> fields;

    Platform(String key, String plugin, List<Field> fields) {
        this.key = key;
        this.plugin = plugin;
        this.fields = fields;
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
