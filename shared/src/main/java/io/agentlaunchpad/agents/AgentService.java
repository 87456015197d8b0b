package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.AgentRequests.AgentChange;
import io.agentlaunchpad.agents.AgentRevision.RevisionKind;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.limits.ResourceQuotas;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * The agent lifecycle: every change is written as the next desired state (a new generation, guarded by the version)
 * and then handed to the deployer as a command. Callers see only their own agents unless they are admins; another
 * owner's agent is "not found", exactly like a missing one. The protocols live in their own pieces: a create
 * ({@link AgentCreation}) under its idempotency key ({@link IdempotentCreate}), quotas ({@link QuotaGuard}), the
 * versioned write of a change and its command ({@link VersionedChange}), and the image pre-check
 * ({@link KnownBlockedImages}).
 */
@ApplicationScoped
public class AgentService {

    /** A create's answer, and whether it is the replay of an earlier request with the same idempotency key. */
    public record CreateResult(AgentViews.Created view, boolean replayed) {
    }

    private final AgentStore store;
    private final PlatformVault vault;
    private final AgentSettings rules;
    private final AgentRequests requests;
    private final Clock clock;
    private final QuotaGuard quotas;
    private final VersionedChange changes;
    private final RevisionHistory revisions;
    private final Supplier<LiveHealth> liveHealth;
    private final KnownBlockedImages blockedImages;
    private final AgentCreation creation;

    public AgentService(AgentStore store, DeployQueue queue, IdempotencyStore idempotency, PlatformVault vault,
                        AgentSettings rules, Clock clock, ResourceQuotas quotas, RevisionHistory revisions,
                        AgentServicePorts ports) {
        this.store = store;
        this.vault = vault;
        this.rules = rules;
        this.requests = new AgentRequests(rules);
        this.clock = clock;
        this.quotas = new QuotaGuard(quotas);
        this.changes = new VersionedChange(store, queue, revisions, ports.queuedChanges());
        this.revisions = revisions;
        this.liveHealth = ports.liveHealth();
        this.blockedImages = new KnownBlockedImages(ports.catalogue(), ports.verdicts());
        this.creation = new AgentCreation(store, queue, vault, rules, requests, clock,
                new IdempotentCreate(idempotency, rules.idempotencyTtl(), clock), this.quotas, revisions,
                blockedImages, ports.queuedChanges());
    }

    public CreateResult create(Principal caller, JsonNode body, String idempotencyKey, String requestId) {
        return creation.create(caller, body, idempotencyKey, requestId);
    }

    public int maxListLimit() {
        return rules.maxListLimit();
    }

    public int maxListOffset() {
        return rules.maxListOffset();
    }

    public AgentViews.Detail get(Principal caller, String agentId) {
        Agent agent = load(caller, agentId);
        return AgentViews.detail(agent, rules.url(agent.agentId()));
    }

    public AgentViews.Status status(Principal caller, String agentId) {
        // The cluster is read beside the record, in the caller's own namespace: one round trip. The read is used
        // only once the record shows the agent is the caller's (else it is read again in its owner's namespace).
        String url = rules.url(agentId);
        CompletableFuture<Optional<AgentViews.Health>> early = liveHealth == null ? null
                : SideCalls.start(() -> liveHealth.get().health(caller.userId(), agentId, url));
        Agent agent = load(caller, agentId);
        AgentViews.Status recorded = AgentHealth.status(agent, url, clock.instant());
        if (liveHealth == null || agent.status() == AgentStatus.DELETING) {
            return recorded;
        }
        return (agent.owner().equals(caller.userId()) ? SideCalls.join(early) : liveHealth.get().health(agent, url))
                .map(live -> new AgentViews.Status(recorded.agentId(), recorded.status(), recorded.reason(),
                        recorded.url(), live, recorded.deployedAt(), recorded.lastUpdated(), recorded.revision(),
                        recorded.deployedRevision()))
                .orElse(recorded);
    }

    /** The status, or with {@code waitFor}/{@code timeout} the status once it is wanted (StatusWait). */
    public AgentViews.Status status(Principal caller, String agentId, String waitFor, String timeout) {
        StatusWait.Request wait = StatusWait.parse(waitFor, timeout);
        return wait == null ? status(caller, agentId) : new StatusWait(this, store).await(caller, agentId, wait);
    }

    public AgentViews.Listing list(Principal caller, int limit, int offset, String statusFilter, String ownerFilter,
                                   String nextToken) {
        if (ownerFilter != null && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "Only admins may filter by owner");
        }
        AgentStatus status = null;
        if (statusFilter != null) {
            status = AgentStatus.parse(statusFilter).orElseThrow(() -> ApiException.validation("status",
                    "must be one of " + List.of(AgentStatus.values())));
        }
        String owner = caller.isAdmin() ? ownerFilter : caller.userId();
        AgentCursor after = nextToken == null ? null : AgentPageTokens.decode(nextToken, owner, status);
        AgentQuery query = new AgentQuery(owner, status, limit, offset, after);
        // The total (one counter item) is read beside the page: the listing costs one round trip.
        CompletableFuture<Long> total = SideCalls.start(() -> store.count(query));
        AgentPage page;
        try {
            page = store.list(query);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("nextToken", "is not a token this API issued");
        }
        List<AgentViews.ListItem> items = page.agents().stream()
                .map(a -> AgentViews.listItem(a, rules.url(a.agentId())))
                .toList();
        return new AgentViews.Listing(items, SideCalls.join(total), limit, after == null ? offset : after.position(),
                AgentPageTokens.encode(page.next(), owner, status));
    }

    public AgentViews.Scaled scale(Principal caller, String agentId, JsonNode body, String ifMatch, String requestId) {
        int replicas = requests.parseScale(body);
        Agent before = load(caller, agentId);
        Agent after = quotas.within(caller, before, before.spec().resources().withReplicas(replicas), () -> changes.apply(
                before, ifMatch, CommandType.SCALE, requestId, agent -> agent.next(
                agent.spec().withResources(agent.spec().resources().withReplicas(replicas)),
                agent.sealedPlatforms(), agent.platformView(), AgentStatus.SCALING, clock.instant(),
                agent.restartRequestedAt()), (current, next) -> revisions.next(current, next, caller, requestId,
                RevisionKind.SCALE, null, List.of())));
        // As the API reference shows it (scale to 2 answers currentReplicas 2): the count the agent now has;
        // how many are ready is the status route's health.kubernetes.readyReplicas.
        return new AgentViews.Scaled(agentId, replicas, replicas, after.status().name(), timestamp(after.updatedAt()));
    }

    public AgentViews.Operation update(Principal caller, String agentId, JsonNode body, String ifMatch,
                                       String requestId) {
        AgentChange change = requests.parseUpdate(body);
        Agent before = load(caller, agentId);
        AgentSpec spec = change.applyTo(before.spec());
        Resources resources = spec.resources();
        Map<String, Map<String, String>> platforms = null;
        List<String> platformPaths = List.of();
        if (change.platforms() != null) {
            Map<String, Map<String, String>> unsealed = vault.unseal(agentId, before.sealedPlatforms());
            platforms = change.applyTo(unsealed);
            requests.checkMerged(spec.plugins(), platforms);
            platformPaths = ChangedFields.between(unsealed, platforms);
        } else if (change.plugins() != null) {
            requests.checkMerged(spec.plugins(), before.platformView());
        }
        Map<String, Map<String, String>> merged = platforms;
        List<String> changedSettings = platformPaths;
        Agent after = quotas.within(caller, before, resources, () -> changes.apply(before, ifMatch, CommandType.UPDATE,
                requestId, agent -> agent.next(spec,
                merged == null ? agent.sealedPlatforms() : vault.seal(agentId, merged),
                merged == null ? agent.platformView() : PlatformVault.redact(merged),
                AgentStatus.UPDATING, clock.instant(), agent.restartRequestedAt()),
                (current, next) -> revisions.next(current, next, caller, requestId, RevisionKind.UPDATE, null,
                        changedSettings)));
        return new AgentViews.Operation(agentId, after.status().name(), "Agent update initiated",
                timestamp(after.updatedAt()));
    }

    public AgentViews.Operation restart(Principal caller, String agentId, String ifMatch, String requestId) {
        Agent before = load(caller, agentId);
        Agent after = changes.apply(before, ifMatch, CommandType.RESTART, requestId, agent -> agent.next(agent.spec(),
                agent.sealedPlatforms(), agent.platformView(), AgentStatus.RESTARTING, clock.instant(),
                clock.instant()), (current, next) -> revisions.next(current, next, caller, requestId,
                RevisionKind.RESTART, null, List.of()));
        return new AgentViews.Operation(agentId, after.status().name(), "Agent restart initiated",
                timestamp(after.updatedAt()));
    }

    /**
     * A new revision whose desired state is revision {@code N}'s, settings still sealed as that revision kept them,
     * rolled out like an update.
     */
    public AgentViews.Operation rollback(Principal caller, String agentId, JsonNode body, String ifMatch,
                                         String requestId) {
        long target = requests.parseRollback(body);
        Agent before = load(caller, agentId);
        if (target == before.generation()) {
            throw new ApiException(ErrorCode.CONFLICT, "Revision " + target + " is already the current revision of "
                    + "agent '" + agentId + "'; nothing to roll back");
        }
        AgentRevision to = revisions.find(agentId, target);
        blockedImages.refuse(to.spec().plugins());
        List<String> settings = ChangedFields.between(vault.unseal(agentId, before.sealedPlatforms()),
                vault.unseal(agentId, to.sealedPlatforms()));
        Agent after = quotas.within(caller, before, to.spec().resources(), () -> changes.apply(before, ifMatch,
                CommandType.UPDATE, requestId, agent -> agent.next(to.spec(), to.sealedPlatforms(),
                        to.platformView(), AgentStatus.UPDATING, clock.instant(), agent.restartRequestedAt()),
                (current, next) -> revisions.next(current, next, caller, requestId, RevisionKind.ROLLBACK, target,
                        settings)));
        return new AgentViews.Operation(agentId, after.status().name(), "Agent rollback to revision " + target
                + " initiated", timestamp(after.updatedAt()));
    }

    public RevisionViews.Listing revisions(Principal caller, String agentId, int limit, String nextToken) {
        Agent agent = load(caller, agentId);
        Long before = nextToken == null ? null : RevisionTokens.decode(nextToken, agentId);
        RevisionStore.Page page = revisions.list(agentId, limit, before);
        return new RevisionViews.Listing(agentId, agent.generation(), RevisionViews.deployed(agent),
                page.revisions().stream().map(RevisionViews::summary).toList(), limit,
                page.next() == null ? null : RevisionTokens.encode(page.next(), agentId));
    }

    public RevisionViews.Detail revision(Principal caller, String agentId, String revision) {
        load(caller, agentId);
        long number;
        try {
            number = Long.parseLong(revision);
        } catch (NumberFormatException e) {
            throw ApiException.validation("revision", "must be a revision number (1 or more)");
        }
        if (number < 1) {
            throw ApiException.validation("revision", "must be a revision number (1 or more)");
        }
        return RevisionViews.detail(revisions.find(agentId, number));
    }

    public AgentViews.Operation delete(Principal caller, String agentId, String ifMatch, String requestId) {
        Agent before = load(caller, agentId);
        Agent after;
        try {
            after = changes.apply(before, ifMatch, CommandType.DELETE, requestId, agent -> agent.next(agent.spec(),
                    agent.sealedPlatforms(), agent.platformView(), AgentStatus.DELETING, clock.instant(),
                    agent.restartRequestedAt()));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.SERVICE_UNAVAILABLE && before.status() != AgentStatus.DELETING) {
                // DELETING is recorded; a retry will find it so and must not give the usage back again
                quotas.releaseAll(before);
            }
            throw e;
        }
        if (before.status() != AgentStatus.DELETING) {
            // only the request that moved the agent to DELETING (the version check makes it one) gives usage back
            quotas.releaseAll(before);
        }
        return new AgentViews.Operation(agentId, after.status().name(), "Agent deletion initiated",
                timestamp(after.updatedAt()));
    }

    private Agent load(Principal caller, String agentId) {
        Agent agent = store.find(agentId).orElseThrow(() -> ApiException.agentNotFound(agentId));
        if (!caller.isAdmin() && !agent.owner().equals(caller.userId())) {
            throw ApiException.agentNotFound(agentId);
        }
        return agent;
    }
}
