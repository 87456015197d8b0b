package io.agentlaunchpad.cluster;

import io.agentlaunchpad.identity.UserIds;

import java.util.Locale;
import java.util.Map;

/** Names and labels of every object the deployer owns, in one place. */
public final class AgentNames {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "agent-launchpad";
    public static final String AGENT_ID = "agent-id";
    public static final String OWNER = "owner";
    public static final int PORT = 3000;

    private AgentNames() {
    }

    /**
     * A DNS-1123 label for the owner: lower-cased, other characters folded to '-', and a hash suffix whenever that
     * changed anything or the name is too long, so two owners never share a namespace.
     */
    public static String namespace(String prefix, String owner) {
        String clean = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        String name = prefix + clean;
        if (!clean.equals(owner) || name.length() > 63 || clean.isEmpty()) {
            String hash = UserIds.sha256(owner).substring(0, 8);
            name = (prefix + clean).substring(0, Math.min(name.length(), 63 - 9)).replaceAll("-+$", "") + "-" + hash;
        }
        return name;
    }

    /** A label value for the owner (63 characters of [A-Za-z0-9._-]). */
    public static String ownerLabel(String owner) {
        String clean = owner.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.length() <= 63 ? clean : clean.substring(0, 54) + "_" + UserIds.sha256(owner).substring(0, 8);
    }

    public static Map<String, String> ownerLabels(String owner) {
        return Map.of(MANAGED_BY, MANAGER, OWNER, ownerLabel(owner));
    }

    public static Map<String, String> agentLabels(String owner, String agentId) {
        return Map.of(MANAGED_BY, MANAGER, OWNER, ownerLabel(owner), AGENT_ID, agentId);
    }

    public static Map<String, String> selector(String agentId) {
        return Map.of(AGENT_ID, agentId);
    }

    public static String configMap(String agentId) {
        return agentId + "-character";
    }

    public static String secret(String agentId) {
        return agentId + "-credentials";
    }
}
