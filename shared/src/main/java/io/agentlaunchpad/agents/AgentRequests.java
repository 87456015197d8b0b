package io.agentlaunchpad.agents;

import io.agentlaunchpad.quantity.Quantity;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.json.BodyReader;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns create, update and scale bodies into domain values, or one 400 naming every bad field. */
public final class AgentRequests {

    /** A valid create request: the spec and every platform setting (secrets included, in memory only). */
    public record NewAgent(AgentSpec spec, Map<String, Map<String, String>> platforms) {
    }

    /**
     * A valid update: null means "leave as is". In {@code platforms}, a platform mapped to null is removed and one
     * mapped to settings replaces that platform's settings; platforms not named stay.
     */
    public record AgentChange(String description, Personality personality, List<String> plugins, String memory,
                              String cpu, Integer replicas, Map<String, Map<String, String>> platforms) {
    }

    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    static final int MAX_NAME = 63;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_SYSTEM = 10_000;
    static final int MAX_BIO_ITEMS = 100;
    static final int MAX_BIO_ITEM = 2000;
    static final int MAX_WORDS = 50;
    static final int MAX_WORD = 200;
    static final int MAX_PLUGINS = 30;

    private static final Set<String> CREATE_FIELDS = Set.of("agentName", "description", "personality",
            "selectedPlugins", "resources", "platforms");
    private static final Set<String> UPDATE_FIELDS = Set.of("description", "personality", "selectedPlugins",
            "resources", "platforms");
    private static final Set<String> PERSONALITY_FIELDS = Set.of("system", "bio", "adjectives", "topics");
    private static final Set<String> RESOURCE_FIELDS = Set.of("memory", "cpu", "replicas");

    private final AgentSettings settings;

    public AgentRequests(AgentSettings settings) {
        this.settings = settings;
    }

    public NewAgent parseCreate(JsonNode body) {
        BodyReader in = new BodyReader();
        in.onlyFields(body, "", CREATE_FIELDS);
        String name = in.string(body, "agentName", "agentName", true, MAX_NAME);
        if (name != null && !DNS_LABEL.matcher(name).matches()) {
            in.reject("agentName", "must be lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        String description = in.string(body, "description", "description", false, MAX_DESCRIPTION);
        Personality personality = personality(in, in.object(body, "personality", "personality", true));
        List<String> plugins = plugins(in, body);
        JsonNode res = in.object(body, "resources", "resources", false);
        String memory = settings.defaultMemory();
        String cpu = settings.defaultCpu();
        Integer replicas = settings.defaultReplicas();
        if (res != null) {
            in.onlyFields(res, "resources", RESOURCE_FIELDS);
            String m = memory(in, res);
            String c = cpu(in, res);
            Integer r = in.integer(res, "replicas", "resources.replicas", false, 1, settings.maxReplicas());
            memory = m != null ? m : memory;
            cpu = c != null ? c : cpu;
            replicas = r != null ? r : replicas;
        }
        Map<String, Map<String, String>> platforms = platforms(in, in.object(body, "platforms", "platforms", false), false);
        if (!in.hasErrors()) {
            checkPlatformsMatchPlugins(in, plugins, platforms);
        }
        in.throwIfInvalid();
        return new NewAgent(new AgentSpec(name, description, personality, plugins,
                new Resources(memory, cpu, replicas)), platforms);
    }

    public AgentChange parseUpdate(JsonNode body) {
        BodyReader in = new BodyReader();
        if (body.has("agentName")) {
            in.reject("agentName", "cannot be changed; create a new agent instead");
        }
        in.onlyFields(body, "", withName(UPDATE_FIELDS));
        if (body.isEmpty()) {
            in.reject("body", "must change at least one of " + UPDATE_FIELDS.stream().sorted().toList());
        }
        String description = in.string(body, "description", "description", false, MAX_DESCRIPTION);
        Personality personality = body.has("personality")
                ? personality(in, in.object(body, "personality", "personality", true)) : null;
        List<String> plugins = body.has("selectedPlugins") ? plugins(in, body) : null;
        String memory = null;
        String cpu = null;
        Integer replicas = null;
        JsonNode res = in.object(body, "resources", "resources", false);
        if (res != null) {
            in.onlyFields(res, "resources", RESOURCE_FIELDS);
            memory = memory(in, res);
            cpu = cpu(in, res);
            replicas = in.integer(res, "replicas", "resources.replicas", false, 0, settings.maxReplicas());
        }
        Map<String, Map<String, String>> platforms = body.has("platforms")
                ? platforms(in, in.object(body, "platforms", "platforms", true), true) : null;
        in.throwIfInvalid();
        return new AgentChange(description, personality, plugins, memory, cpu, replicas, platforms);
    }

    public int parseScale(JsonNode body) {
        BodyReader in = new BodyReader();
        in.onlyFields(body, "", Set.of("replicas"));
        Integer replicas = in.integer(body, "replicas", "replicas", true, 0, settings.maxReplicas());
        in.throwIfInvalid();
        return replicas;
    }

    /** The merged state after an update must hold together as a new agent would. */
    public void checkMerged(List<String> plugins, Map<String, Map<String, String>> platforms) {
        BodyReader in = new BodyReader();
        checkPlatformsMatchPlugins(in, plugins, platforms);
        in.throwIfInvalid();
    }

    private static Set<String> withName(Set<String> fields) {
        Set<String> all = new HashSet<>(fields);
        all.add("agentName");
        return all;
    }

    private Personality personality(BodyReader in, JsonNode node) {
        if (node == null) {
            return null;
        }
        in.onlyFields(node, "personality", PERSONALITY_FIELDS);
        String system = in.string(node, "system", "personality.system", false, MAX_SYSTEM);
        List<String> bio = in.strings(node, "bio", "personality.bio", true, MAX_BIO_ITEMS, MAX_BIO_ITEM, true);
        List<String> adjectives = in.strings(node, "adjectives", "personality.adjectives", false, MAX_WORDS, MAX_WORD, false);
        List<String> topics = in.strings(node, "topics", "personality.topics", false, MAX_WORDS, MAX_WORD, false);
        return new Personality(system, bio, adjectives == null ? List.of() : adjectives, topics == null ? List.of() : topics);
    }

    private List<String> plugins(BodyReader in, JsonNode body) {
        List<String> plugins = in.strings(body, "selectedPlugins", "selectedPlugins", false, MAX_PLUGINS, 214, false);
        if (plugins == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < plugins.size(); i++) {
            String plugin = plugins.get(i);
            if (!settings.plugins().contains(plugin)) {
                in.reject("selectedPlugins[" + i + "]", "'" + plugin + "' is not in the plugin catalogue; allowed: "
                        + settings.plugins());
            } else if (!seen.add(plugin)) {
                in.reject("selectedPlugins[" + i + "]", "'" + plugin + "' is listed twice");
            }
        }
        return plugins;
    }

    private String memory(BodyReader in, JsonNode res) {
        String memory = in.string(res, "memory", "resources.memory", false, 20);
        if (memory == null) {
            return null;
        }
        BigDecimal bytes = Quantity.parse(memory).orElse(null);
        if (bytes == null || Quantity.isMilli(memory)) {
            in.reject("resources.memory", "must be a Kubernetes memory quantity such as 512Mi, 1Gi or 2G");
            return null;
        }
        if (bytes.compareTo(settings.minMemoryBytes()) < 0 || bytes.compareTo(settings.maxMemoryBytes()) > 0) {
            in.reject("resources.memory", "must be between " + settings.minMemory() + " and " + settings.maxMemory());
            return null;
        }
        return memory;
    }

    private String cpu(BodyReader in, JsonNode res) {
        String cpu = in.string(res, "cpu", "resources.cpu", false, 20);
        if (cpu == null) {
            return null;
        }
        BigDecimal cores = Quantity.parse(cpu).orElse(null);
        if (cores == null || (!Quantity.isMilli(cpu) && !cpu.matches("^[0-9.]+$"))) {
            in.reject("resources.cpu", "must be a Kubernetes CPU quantity such as 250m, 500m or 1");
            return null;
        }
        if (cores.compareTo(settings.minCpuCores()) < 0 || cores.compareTo(settings.maxCpuCores()) > 0) {
            in.reject("resources.cpu", "must be between " + settings.minCpu() + " and " + settings.maxCpu());
            return null;
        }
        return cpu;
    }

    private Map<String, Map<String, String>> platforms(BodyReader in, JsonNode node, boolean allowRemoval) {
        Map<String, Map<String, String>> platforms = new LinkedHashMap<>();
        if (node == null) {
            return platforms;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "platforms." + entry.getKey();
            Platform platform = Platform.byKey(entry.getKey()).orElse(null);
            if (platform == null) {
                in.reject(path, "is not a supported platform; expected one of " + Platform.keys());
                continue;
            }
            JsonNode settings = entry.getValue();
            if (settings.isNull() && allowRemoval) {
                platforms.put(platform.key(), null);
                continue;
            }
            if (!settings.isObject()) {
                in.reject(path, "must be an object" + (allowRemoval ? " (or null to remove the platform)" : ""));
                continue;
            }
            Set<String> allowed = new HashSet<>();
            platform.fields().forEach(f -> allowed.add(f.name()));
            in.onlyFields(settings, path, allowed);
            Map<String, String> values = new LinkedHashMap<>();
            for (Platform.Field field : platform.fields()) {
                String value = in.string(settings, field.name(), path + "." + field.name(), field.secret(),
                        Platform.MAX_VALUE_LENGTH);
                if (value != null) {
                    values.put(field.name(), value);
                }
            }
            platforms.put(platform.key(), values);
        }
        return platforms;
    }

    /** A platform without its plugin would never connect; a platform plugin without its token would crash-loop. */
    private static void checkPlatformsMatchPlugins(BodyReader in, List<String> plugins,
                                                   Map<String, Map<String, String>> platforms) {
        for (String key : platforms.keySet()) {
            Platform platform = Platform.byKey(key).orElseThrow();
            if (platforms.get(key) != null && !plugins.contains(platform.plugin())) {
                in.reject("platforms." + key, "needs " + platform.plugin() + " in selectedPlugins");
            }
        }
        for (int i = 0; i < plugins.size(); i++) {
            Platform platform = Platform.byPlugin(plugins.get(i)).orElse(null);
            if (platform != null && platform.neededByPlugin() && platforms.get(platform.key()) == null) {
                in.reject("selectedPlugins[" + i + "]", plugins.get(i) + " needs platforms." + platform.key()
                        + " with its credentials");
            }
        }
    }
}
