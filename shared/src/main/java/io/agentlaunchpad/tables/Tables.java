package io.agentlaunchpad.tables;

import java.util.List;

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

    /**
     * Security and ops events (scan blocks, deploys that failed for good), one item each. Listed newest first per
     * severity and for everything (a constant {@code kind} partition); {@code sortKey} is the timestamp then the id.
     */
    public static final TableDefinition SECURITY_EVENTS = new TableDefinition("security-events", string("id"), null,
            List.of(new IndexDefinition("bySeverity", string("severity"), string("sortKey"), null),
                    new IndexDefinition("byTime", string("kind"), string("sortKey"), null)),
            null);

    /** The deployer's last scan decision per catalogue image ({@code repository:tag}). */
    public static final TableDefinition IMAGE_VERDICTS = new TableDefinition("image-verdicts", string("image"), null,
            List.of(), null);

    public static final List<TableDefinition> ALL = List.of(AGENTS, IDEMPOTENCY, SECURITY_EVENTS, IMAGE_VERDICTS);

    private Tables() {
    }
}
