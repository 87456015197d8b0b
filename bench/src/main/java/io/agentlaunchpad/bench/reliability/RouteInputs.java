package io.agentlaunchpad.bench.reliability;

import io.agentlaunchpad.bench.reliability.BodySchema.Field;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.identity.UserIds;
import io.agentlaunchpad.keys.KeyService;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What each route reads besides its path parameters (those come from the route table): its body, query parameters
 * and the headers it acts on, as the route functions in functions/api read them. Every route of
 * {@link io.agentlaunchpad.http.RouteTable} must have an entry; the corpus refuses to generate without one.
 */
public record RouteInputs(String function, Optional<BodySchema> body, List<QueryParam> query, boolean idempotencyKey,
                          boolean ifMatch, boolean clusterDependent) {

    /** How a query parameter is parsed by its route. */
    public enum QueryType { INT, ENUM, SINCE, BOOL, TOKEN, OWNER_FILTER, USER_ID, WAIT_STATES, WAIT_TIMEOUT }

    public record QueryParam(String name, QueryType type, int min, int max) {
        static QueryParam of(String name, QueryType type) {
            return new QueryParam(name, type, 0, 0);
        }

        static QueryParam integer(String name, int min, int max) {
            return new QueryParam(name, QueryType.INT, min, max);
        }
    }

    /** AgentRequests.DNS_LABEL, the agent-name rule. */
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    static final String DISCORD = "@elizaos/plugin-discord";

    private static final List<String> BAD_MEMORY = List.of("lots", "-1Gi", "1Xi", "512mi", "64Mi", "9999Ti", "1e999",
            "0x200Mi", "512 Mi", "' OR 1=1");
    private static final List<String> BAD_CPU = List.of("fast", "-1", "250mm", "1m", "100", "1Gi", "1e999", "0x10",
            "' OR 1=1");

    private static Predicate<String> plugin() {
        // the catalogue is configuration; none of the generated strings can be in it
        return s -> s.startsWith("@elizaos/plugin-") && s.matches("^@elizaos/plugin-[a-z0-9-]+$");
    }

    private static Field personality(boolean required) {
        return Field.object("personality", required, List.of(
                Field.text("system", false, 10_000),
                Field.strings("bio", true, 100, 2000, true, s -> !s.isBlank()),
                Field.strings("adjectives", false, 50, 200, false, s -> !s.isBlank()),
                Field.strings("topics", false, 50, 200, false, s -> !s.isBlank())));
    }

    private static Field resources(int minReplicas) {
        return Field.object("resources", false, List.of(
                Field.pattern("memory", false, 20, s -> false, BAD_MEMORY),
                Field.pattern("cpu", false, 20, s -> false, BAD_CPU),
                Field.integer("replicas", false, minReplicas, 10)));
    }

    /** Platform settings: secrets required, the rest optional free text (Platform.MAX_VALUE_LENGTH). */
    private static Field platforms(boolean update) {
        Field discord = Field.object("discord", false, List.of(Field.text("token", true, 4096),
                Field.text("applicationId", false, 4096), Field.text("guildId", false, 4096),
                Field.text("channelIds", false, 4096)));
        Field telegram = Field.object("telegram", false, List.of(Field.text("token", true, 4096),
                Field.text("allowedChats", false, 4096)));
        Field twitter = Field.object("twitter", false, List.of(Field.text("apiKey", true, 4096),
                Field.text("apiSecretKey", true, 4096), Field.text("accessToken", true, 4096),
                Field.text("accessTokenSecret", true, 4096), Field.text("username", false, 4096)));
        List<Field> models = java.util.stream.Stream.of("openai", "anthropic", "openrouter")
                .map(provider -> Field.object(provider, false, List.of(Field.text("apiKey", true, 4096)))).toList();
        List<Field> each = new java.util.ArrayList<>(List.of(discord, telegram, twitter));
        each.addAll(models);
        if (update) {
            each.replaceAll(Field::orNull);
        }
        return update ? Field.object("platforms", false, each).neverNull() : Field.object("platforms", false, each);
    }

    public static final BodySchema CREATE_AGENT = new BodySchema("create agent", """
            {"agentName": "rel-bot", "description": "reliability corpus",
             "personality": {"system": "You help.", "bio": ["I test inputs"], "adjectives": ["careful"], "topics": ["tests"]},
             "selectedPlugins": ["@elizaos/plugin-discord"],
             "resources": {"memory": "512Mi", "cpu": "250m", "replicas": 1},
             "platforms": {"discord": {"token": "t0k3n", "applicationId": "1", "guildId": "2", "channelIds": "3"}}}""",
            List.of(Field.pattern("agentName", true, 63, s -> DNS_LABEL.matcher(s).matches(), List.of()),
                    Field.text("description", false, 1000),
                    personality(true),
                    Field.strings("selectedPlugins", false, 30, 214, false, plugin()),
                    resources(1),
                    platforms(false)));

    public static final BodySchema UPDATE_AGENT = new BodySchema("update agent", """
            {"description": "updated by the corpus",
             "personality": {"system": "You help.", "bio": ["I test inputs"], "adjectives": ["careful"], "topics": ["tests"]},
             "selectedPlugins": ["@elizaos/plugin-discord"],
             "resources": {"memory": "512Mi", "cpu": "250m", "replicas": 1},
             "platforms": {"discord": {"token": "t0k3n", "applicationId": "1", "guildId": "2", "channelIds": "3"}}}""",
            List.of(Field.forbidden("agentName"),
                    Field.text("description", false, 1000),
                    personality(false).neverNull(),
                    Field.strings("selectedPlugins", false, 30, 214, false, plugin()).neverNull(),
                    resources(0),
                    platforms(true)));

    public static final BodySchema SCALE_AGENT = new BodySchema("scale agent", "{\"replicas\": 1}",
            List.of(Field.integer("replicas", true, 0, 10)));

    public static final BodySchema ROLLBACK_AGENT = new BodySchema("rollback agent", "{\"revision\": 1}",
            List.of(Field.integer("revision", true, 1, Integer.MAX_VALUE)));

    public static final BodySchema GENERATE_KEY = new BodySchema("generate key", """
            {"username": "rel-keyuser", "email": "keys@example.com", "role": "VIEWER", "expiresInDays": 30}""",
            List.of(Field.pattern("username", false, 128, s -> UserIds.USERNAME.matcher(s).matches(), List.of()),
                    Field.pattern("email", false, 254, s -> KeyService.EMAIL.matcher(s).matches(), List.of()),
                    Field.pattern("role", false, 16, s -> Role.parse(s).isPresent(), List.of("ROOT", "SUPERUSER")),
                    Field.integer("expiresInDays", false, 1, 365)));

    public static final BodySchema UPDATE_PROFILE = new BodySchema("update profile", """
            {"email": "profile@example.com", "notifications": {"email": true, "slack": false}}""",
            List.of(Field.pattern("email", false, 254, s -> KeyService.EMAIL.matcher(s).matches(), List.of()),
                    Field.object("notifications", false, List.of(Field.bool("email"), Field.bool("slack")))));

    /**
     * A token identity the corpus links to the local admin and unlinks again (controls: the link, then the unlink of
     * {@link #LINK_ID}); it never calls, so it owns nothing and the link is never refused for that.
     */
    public static final String LINK_ISSUER = "https://sso.reliability.example";
    public static final String LINK_SUBJECT = "rel-corpus-subject";
    public static final String LINK_ID = io.agentlaunchpad.identity.IdentityLink.linkIdOf(
            UserIds.ofToken(LINK_ISSUER, LINK_SUBJECT));

    public static final BodySchema LINK_IDENTITY = new BodySchema("link identity",
            "{\"issuer\": \"" + LINK_ISSUER + "\", \"subject\": \"" + LINK_SUBJECT + "\", \"username\": \"admin\"}",
            List.of(Field.pattern("issuer", true, 512, RouteInputs::tokenClaim, List.of()),
                    Field.pattern("subject", true, 255, RouteInputs::tokenClaim, List.of()),
                    Field.pattern("username", true, 128, s -> UserIds.USERNAME.matcher(s).matches(), List.of())));

    /** IdentityLinkService's rule for an issuer or subject: not blank, no control character but a tab. */
    private static boolean tokenClaim(String value) {
        return !value.isBlank() && value.chars().noneMatch(c -> c < 0x20 && c != '\t');
    }

    /** MessageRequests' userId rule: whose conversation with the agent (body of a message, query of the listing). */
    static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");

    public static final BodySchema SEND_MESSAGE = new BodySchema("send message", """
            {"content": "Hello from the corpus,\\nline two\\tand a tab", "userId": "rel-user.1@example"}""",
            List.of(Field.text("content", true, 4000),
                    Field.pattern("userId", false, 64, s -> USER_ID.matcher(s).matches(), List.of())));

    /** Fields the profile refuses with 403 rather than 400 (UserService): never changeable there. */
    public static final List<String> PROFILE_FIXED = List.of("role", "username", "userId", "permissions");

    private static RouteInputs plain(String function) {
        return new RouteInputs(function, Optional.empty(), List.of(), false, false, false);
    }

    private static RouteInputs cluster(String function, List<QueryParam> query) {
        return new RouteInputs(function, Optional.empty(), query, false, false, true);
    }

    public static final Map<String, RouteInputs> ALL = Map.ofEntries(
            Map.entry("generateKey", new RouteInputs("generateKey", Optional.of(GENERATE_KEY), List.of(), false, false, false)),
            Map.entry("listKeys", plain("listKeys")),
            Map.entry("revokeKey", plain("revokeKey")),
            Map.entry("createAgent", new RouteInputs("createAgent", Optional.of(CREATE_AGENT), List.of(), true, false, false)),
            Map.entry("listAgents", new RouteInputs("listAgents", Optional.empty(), List.of(
                    QueryParam.integer("limit", 1, 100), QueryParam.integer("offset", 0, 10_000),
                    QueryParam.of("status", QueryType.ENUM), QueryParam.of("owner", QueryType.OWNER_FILTER),
                    QueryParam.of("nextToken", QueryType.TOKEN)), false, false, false)),
            Map.entry("getAgent", plain("getAgent")),
            Map.entry("updateAgent", new RouteInputs("updateAgent", Optional.of(UPDATE_AGENT), List.of(), false, true, false)),
            Map.entry("deleteAgent", new RouteInputs("deleteAgent", Optional.empty(), List.of(), false, true, false)),
            Map.entry("getAgentStatus", new RouteInputs("getAgentStatus", Optional.empty(), List.of(
                    QueryParam.of("waitFor", QueryType.WAIT_STATES), QueryParam.of("timeout", QueryType.WAIT_TIMEOUT)),
                    false, false, false)),
            Map.entry("listAgentEvents", new RouteInputs("listAgentEvents", Optional.empty(), List.of(
                    QueryParam.integer("limit", 1, 100), QueryParam.of("nextToken", QueryType.TOKEN)),
                    false, false, false)),
            Map.entry("scaleAgent", new RouteInputs("scaleAgent", Optional.of(SCALE_AGENT), List.of(), false, true, false)),
            Map.entry("restartAgent", new RouteInputs("restartAgent", Optional.empty(), List.of(), false, true, false)),
            Map.entry("listAgentRevisions", new RouteInputs("listAgentRevisions", Optional.empty(), List.of(
                    QueryParam.integer("limit", 1, 100), QueryParam.of("nextToken", QueryType.TOKEN)), false, false,
                    false)),
            Map.entry("getAgentRevision", plain("getAgentRevision")),
            Map.entry("rollbackAgent", new RouteInputs("rollbackAgent", Optional.of(ROLLBACK_AGENT), List.of(), false,
                    true, false)),
            Map.entry("getAgentMetrics", cluster("getAgentMetrics", List.of())),
            Map.entry("getAgentLogs", cluster("getAgentLogs", List.of(QueryParam.integer("lines", 1, 1000),
                    QueryParam.of("since", QueryType.SINCE), QueryParam.of("follow", QueryType.BOOL),
                    QueryParam.of("cursor", QueryType.TOKEN)))),
            Map.entry("sendAgentMessage", new RouteInputs("sendAgentMessage", Optional.of(SEND_MESSAGE), List.of(),
                    false, false, true)),
            Map.entry("listAgentMessages", cluster("listAgentMessages", List.of(QueryParam.integer("limit", 1, 100),
                    QueryParam.of("userId", QueryType.USER_ID)))),
            Map.entry("scanAgent", cluster("scanAgent", List.of())),
            Map.entry("getScan", cluster("getScan", List.of())),
            Map.entry("listSecurityEvents", new RouteInputs("listSecurityEvents", Optional.empty(), List.of(
                    QueryParam.integer("limit", 1, 100), QueryParam.of("severity", QueryType.ENUM),
                    QueryParam.of("since", QueryType.SINCE), QueryParam.of("nextToken", QueryType.TOKEN)),
                    false, false, false)),
            Map.entry("getHealth", cluster("getHealth", List.of())),
            Map.entry("getSystemMetrics", cluster("getSystemMetrics", List.of())),
            Map.entry("getUserProfile", plain("getUserProfile")),
            Map.entry("updateUserProfile", new RouteInputs("updateUserProfile", Optional.of(UPDATE_PROFILE), List.of(),
                    false, false, false)),
            Map.entry("linkIdentity", new RouteInputs("linkIdentity", Optional.of(LINK_IDENTITY), List.of(), false,
                    false, false)),
            Map.entry("listIdentityLinks", new RouteInputs("listIdentityLinks", Optional.empty(), List.of(
                    QueryParam.integer("limit", 1, 100), QueryParam.of("nextToken", QueryType.TOKEN)), false, false,
                    false)),
            Map.entry("unlinkIdentity", plain("unlinkIdentity")));

    public static RouteInputs of(String function) {
        RouteInputs inputs = ALL.get(function);
        if (inputs == null) {
            throw new IllegalStateException("no inputs declared for route function " + function
                    + ": add it to RouteInputs.ALL so the bad-input and access suites cover it");
        }
        return inputs;
    }
}
