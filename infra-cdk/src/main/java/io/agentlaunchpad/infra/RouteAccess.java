package io.agentlaunchpad.infra;

import io.agentlaunchpad.access.Permissions;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.tables.Tables;

import java.util.Map;

import static io.agentlaunchpad.infra.Access.reads;
import static io.agentlaunchpad.infra.Access.writes;
import static io.agentlaunchpad.infra.Grant.PROBE_QUEUES;
import static io.agentlaunchpad.infra.Grant.PROBE_REGISTRY;
import static io.agentlaunchpad.infra.Grant.READ_SCANS;
import static io.agentlaunchpad.infra.Grant.SCAN_IMAGES;
import static io.agentlaunchpad.infra.Grant.SEAL;
import static io.agentlaunchpad.infra.Grant.SEND_COMMANDS;
import static io.agentlaunchpad.infra.Grant.TOKEN_USAGE_KEYS;
import static io.agentlaunchpad.infra.Grant.UNSEAL;
import static io.agentlaunchpad.infra.Grant.USAGE_KEYS;
import static io.agentlaunchpad.tables.Tables.AGENTS;
import static io.agentlaunchpad.tables.Tables.AGENT_REVISIONS;
import static io.agentlaunchpad.tables.Tables.AGENT_TIMELINE;
import static io.agentlaunchpad.tables.Tables.API_KEYS;
import static io.agentlaunchpad.tables.Tables.IDEMPOTENCY;
import static io.agentlaunchpad.tables.Tables.IMAGE_VERDICTS;
import static io.agentlaunchpad.tables.Tables.SECURITY_EVENTS;
import static io.agentlaunchpad.tables.Tables.USERS;

/**
 * The one declaration of what each function of {@code functions/api} and the authorizer may do on AWS: the CDK stack
 * grants exactly this to each function's own role and {@code SamRoutes} writes the same into template.yaml.
 * A new route adds one line here (a test fails for a route of the route table without one); the cluster access comes
 * from the route table's {@code readsCluster} and the message permission, not from here.
 */
public final class RouteAccess {

    /**
     * What every route does before its own code: counts the request (rate-limit windows, quota usage, first scan
     * sightings: all in the counters table) and records refusals as aggregated security events.
     */
    public static final Access BOOKKEEPING = writes(Tables.COUNTERS).andAppends(SECURITY_EVENTS);

    private static final Map<String, Access> ROUTES = Map.ofEntries(
            // Authentication: a minted key is registered on its tier's usage plan, a revoked one disabled there.
            Map.entry("generateKey", writes(API_KEYS, USERS).with(USAGE_KEYS)),
            Map.entry("listKeys", reads(API_KEYS)),
            Map.entry("revokeKey", writes(API_KEYS).with(USAGE_KEYS)),
            // Agents: platform tokens and the agent's own token are sealed where created; an update merges its
            // platforms with the sealed ones, so it unseals too. Nothing else of the API reads them back. Each
            // accepted change is the first entry of the agent's timeline (QUEUED; the recorder trims to the last 100)
            // and a revision, written with the agent in one transaction (the expired revision deleted in it).
            Map.entry("createAgent", writes(AGENTS, IDEMPOTENCY, AGENT_TIMELINE, AGENT_REVISIONS)
                    .andReads(IMAGE_VERDICTS)
                    .with(SEND_COMMANDS, SEAL)),
            Map.entry("listAgents", reads(AGENTS)),
            Map.entry("getAgent", reads(AGENTS)),
            Map.entry("updateAgent", writes(AGENTS, AGENT_TIMELINE, AGENT_REVISIONS)
                    .with(SEND_COMMANDS, SEAL, UNSEAL)),
            Map.entry("deleteAgent", writes(AGENTS, AGENT_TIMELINE).with(SEND_COMMANDS)),
            Map.entry("getAgentStatus", reads(AGENTS)),
            Map.entry("scaleAgent", writes(AGENTS, AGENT_TIMELINE, AGENT_REVISIONS).with(SEND_COMMANDS)),
            Map.entry("restartAgent", writes(AGENTS, AGENT_TIMELINE, AGENT_REVISIONS).with(SEND_COMMANDS)),
            Map.entry("listAgentEvents", reads(AGENTS, AGENT_TIMELINE)),
            // Revisions: a rollback writes a revision made of an older one's sealed settings, and unseals both only
            // to name the paths that changed; the blocked-image check reads the verdicts.
            Map.entry("listAgentRevisions", reads(AGENTS, AGENT_REVISIONS)),
            Map.entry("getAgentRevision", reads(AGENTS, AGENT_REVISIONS)),
            Map.entry("rollbackAgent", writes(AGENTS, AGENT_TIMELINE, AGENT_REVISIONS).andReads(IMAGE_VERDICTS)
                    .with(SEND_COMMANDS, UNSEAL)),
            Map.entry("getAgentMetrics", reads(AGENTS)),
            Map.entry("getAgentLogs", reads(AGENTS)),
            // Messages: the agent's own token is unsealed to call it, never sealed here.
            Map.entry("sendAgentMessage", reads(AGENTS).with(UNSEAL)),
            Map.entry("listAgentMessages", reads(AGENTS).with(UNSEAL)),
            // Security: a scan may start one; reading a scan starts nothing.
            Map.entry("scanAgent", reads(AGENTS).with(SCAN_IMAGES)),
            Map.entry("getScan", reads(AGENTS).with(READ_SCANS)),
            Map.entry("listSecurityEvents", reads(SECURITY_EVENTS)),
            // Health: the database probe describes the agents table; the queue and registry probes.
            Map.entry("getHealth", reads(AGENTS).with(PROBE_QUEUES, PROBE_REGISTRY)),
            Map.entry("getSystemMetrics", Access.none()),
            Map.entry("getUserProfile", reads(USERS)),
            Map.entry("updateUserProfile", writes(USERS)),
            // Identity links live on the identity's user record; linking first checks it owns no keys or agents.
            Map.entry("linkIdentity", writes(USERS).andReads(API_KEYS, AGENTS)),
            Map.entry("listIdentityLinks", reads(USERS)),
            Map.entry("unlinkIdentity", writes(USERS)));

    /**
     * The authorizer: keys by hash (and their lastUsedAt), users (first sight of a token subject, last login),
     * refusals as security events, each token user's own usage key on first sight (docs/identity.md).
     */
    public static final Access AUTHORIZER = writes(API_KEYS, USERS).andAppends(SECURITY_EVENTS).with(TOKEN_USAGE_KEYS);

    private RouteAccess() {
    }

    /** Everything a route's function may do: its declaration and the bookkeeping every route does. */
    public static Access of(Route route) {
        Access declared = ROUTES.get(route.function());
        if (declared == null) {
            throw new IllegalStateException("route " + route.function() + " declares no access: add its line to "
                    + "infra-cdk RouteAccess (the tables and grants its code uses)");
        }
        return declared.and(BOOKKEEPING);
    }

    /** The routes that reach an agent's own API (through the API server's service proxy): the messages routes. */
    public static boolean talksToAgent(Route route) {
        return Permissions.AGENTS_MESSAGE.equals(route.permission());
    }

    /** The functions declared, for the test that each is a route. */
    static java.util.Set<String> declared() {
        return ROUTES.keySet();
    }
}
