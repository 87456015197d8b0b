package io.agentlaunchpad.tables;

import java.util.List;

import static io.agentlaunchpad.tables.KeyAttribute.number;
import static io.agentlaunchpad.tables.KeyAttribute.string;

/** Every table of the platform, with its keys and indexes. */
public final class Tables {

    /**
     * Agents, one item each. Lists are served by the four indexes, newest first ({@code listKey} = creation time
     * then id): by owner, by owner and status, by status, and all agents (a constant {@code kind} partition).
     */
    public static final TableDefinition AGENTS = new TableDefinition("agents", string("agentId"), null, List.of(
            new IndexDefinition("byOwner", string("owner"), string("listKey"), List.of("name", "status", "createdAt")),
            new IndexDefinition("byOwnerStatus", string("ownerStatus"), string("listKey"),
                    List.of("name", "status", "owner", "createdAt")),
            new IndexDefinition("byStatus", string("status"), string("listKey"), List.of("name", "owner", "createdAt")),
            new IndexDefinition("byCreation", string("kind"), string("listKey"),
                    List.of("name", "status", "owner", "createdAt"))),
            null);

    /** First answers to requests that carried an {@code Idempotency-Key}, kept for a day. */
    public static final TableDefinition IDEMPOTENCY = new TableDefinition("idempotency", string("idempotencyKey"), null,
            List.of(), "expiresAt");

    /** People and services, by the id derived from their username ({@code UserIds}). */
    public static final TableDefinition USERS = new TableDefinition("users", string("userId"), null, List.of(), null);

    /**
     * API keys by the SHA-256 of the key (the authorizer's single GetItem); listed per owner newest first, and found
     * by their public id for revocation. The key itself is never stored.
     */
    public static final TableDefinition API_KEYS = new TableDefinition("apiKeys", string("keyHash"), null, List.of(
            new IndexDefinition("byOwner", string("owner"), string("createdAt"),
                    List.of("keyId", "role", "expiresAt", "lastUsedAt", "revoked", "revokedAt")),
            new IndexDefinition("byKeyId", string("keyId"), null, List.of("owner"))),
            "expiresTtl");

    /** Atomic counters: per-key rate-limit windows ({@code rate#...}) and per-user quota usage ({@code usage#...}). */
    public static final TableDefinition COUNTERS = new TableDefinition("counters", string("counterKey"), null,
            List.of(), "expiresAt");

    /**
     * Security events, newest first by owner ({@code eventKey} = ISO time then id) and, for admins, newest first per
     * UTC day across owners. Refused authentications and rate limiting are aggregated into one item per minute.
     */
    public static final TableDefinition SECURITY_EVENTS = new TableDefinition("securityEvents", string("owner"),
            string("eventKey"), List.of(new IndexDefinition("byDay", string("day"), string("eventKey"), null)),
            "expiresAt");

    /** The deployer's last scan decision per catalogue image ({@code repository:tag}). */
    public static final TableDefinition IMAGE_VERDICTS = new TableDefinition("image-verdicts", string("image"), null,
            List.of(), null);

    /**
     * Each agent's rollout timeline, newest first ({@code entryKey} = ISO time then id) beside one marker item per
     * agent; expires through the TTL attribute (io.agentlaunchpad.timeline.dynamodb.DynamoAgentTimeline).
     */
    public static final TableDefinition AGENT_TIMELINE = new TableDefinition("agent-timeline", string("agentId"),
            string("entryKey"), List.of(), "expiresAt");

    /**
     * Every accepted change of an agent's desired state, by agent and revision number (its generation), written in
     * the same transaction as the agent; the last {@code launchpad.agents.revision-retention} are kept.
     */
    public static final TableDefinition AGENT_REVISIONS = new TableDefinition("agent-revisions", string("agentId"),
            number("revision"), List.of(), null);

    public static final List<TableDefinition> ALL = List.of(AGENTS, IDEMPOTENCY, USERS, API_KEYS, COUNTERS,
            SECURITY_EVENTS, IMAGE_VERDICTS, AGENT_TIMELINE, AGENT_REVISIONS);

    private Tables() {
    }
}
