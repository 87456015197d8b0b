package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.AgentRequests.AgentChange;
import io.agentlaunchpad.agents.AgentRequests.NewAgent;
import io.agentlaunchpad.async.SideCalls;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.deploy.QueueUnavailableException;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.idempotency.IdempotencyRecord;
import io.agentlaunchpad.idempotency.IdempotencyStore;
import io.agentlaunchpad.access.Role;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.limits.ResourceQuotas;
import io.agentlaunchpad.limits.Usage;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageVerdicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * The agent lifecycle: every change is written as the next desired state (a new generation, guarded by the version)
 * and then handed to the deployer as a command. Callers see only their own agents unless they are admins; another
 * owner's agent is "not found", exactly like a missing one.
 */
@ApplicationScoped
public class AgentService {

    private static final JsonLog LOG = JsonLog.of("agents");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_\\-:.]{1,255}$");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A create's answer, and whether it is the replay of an earlier request with the same idempotency key. */
    public record CreateResult(AgentViews.Created view, boolean replayed) {
    }

    private final AgentStore store;
    private final DeployQueue queue;
    private final IdempotencyStore idempotency;
    private final PlatformVault vault;
    private final AgentSettings rules;
    private final AgentRequests requests;
    private final Clock clock;
    private final ResourceQuotas quotas;
    private final SecureRandom random = new SecureRandom();

    /**
     * Where the function has them: the live cluster view (the Kubernetes adapter; the record's view otherwise),
     * and the catalogue with the scan verdicts (to refuse a known-blocked image at once). Resolved on first use,
     * so a route that never needs the cluster never builds a Kubernetes client.
     */
    private Supplier<LiveHealth> liveHealth;
    private Supplier<ImageCatalogue> imageCatalogue;
    private Supplier<ImageVerdicts> imageVerdicts;

    public AgentService(AgentStore store, DeployQueue queue, IdempotencyStore idempotency, PlatformVault vault,
                        AgentSettings rules, Clock clock, ResourceQuotas quotas) {
        this.store = store;
        this.queue = queue;
        this.idempotency = idempotency;
        this.vault = vault;
        this.rules = rules;
        this.requests = new AgentRequests(rules);
        this.clock = clock;
        this.quotas = quotas;
    }

    @Inject
    void optionalPorts(Instance<LiveHealth> live, Instance<ImageCatalogue> catalogue, Instance<ImageVerdicts> verdicts) {
        liveHealth = live.isResolvable() ? live::get : null;
        imageCatalogue = catalogue.isResolvable() && verdicts.isResolvable() ? catalogue::get : null;
        imageVerdicts = catalogue.isResolvable() && verdicts.isResolvable() ? verdicts::get : null;
    }

    /** The same ports wired by hand (the local platform); any may be null. */
    public AgentService withOptionalPorts(LiveHealth live, ImageCatalogue catalogue, ImageVerdicts verdicts) {
        liveHealth = live == null ? null : () -> live;
        imageCatalogue = catalogue == null || verdicts == null ? null : () -> catalogue;
        imageVerdicts = catalogue == null || verdicts == null ? null : () -> verdicts;
        return this;
    }

    public CreateResult create(Principal caller, JsonNode body, String idempotencyKey, String requestId) {
        NewAgent request = requests.parseCreate(body);
        String agentId = newAgentId();
        String claimKey = null;
        if (idempotencyKey != null) {
            if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw ApiException.validation("Idempotency-Key",
                        "must be 1 to 255 characters of letters, digits and - _ : .");
            }
            claimKey = caller.userId() + "#" + idempotencyKey;
            String hash = sha256(Json.canonical(body));
            Optional<IdempotencyRecord> earlier = idempotency.claim(new IdempotencyRecord(claimKey, hash, agentId,
                    null, null, clock.instant().plus(rules.idempotencyTtl())));
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(hash)) {
                    throw new ApiException(ErrorCode.CONFLICT, "Idempotency-Key '" + idempotencyKey
                            + "' was already used with a different request body");
                }
                if (earlier.get().finished()) {
                    return new CreateResult(Json.read(earlier.get().response(), AgentViews.Created.class), true);
                }
                // The first attempt stopped part-way: finish it under the id it chose.
                agentId = earlier.get().resourceId();
            }
        }

        refuseKnownBlockedImage(request.spec().plugins());
        Instant now = clock.instant();
        Agent agent = new Agent(agentId, caller.userId(), request.spec(), vault.seal(agentId, request.platforms()),
                PlatformVault.redact(request.platforms()), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null, null,
                vault.newSealedAuthToken(agentId));
        boolean createdHere = true;
        Usage usage = request.spec().resources().usage();
        quotas.reserve(caller.userId(), role(caller), usage, request.spec().resources().replicas());
        try {
            store.create(agent);
        } catch (AgentAlreadyExistsException e) {
            quotas.release(caller.userId(), usage); // counted when it was created
            if (claimKey == null) {
                throw new IllegalStateException("agent id collision", e);
            }
            createdHere = false;
            agent = store.find(agentId).orElseThrow(() -> new ApiException(ErrorCode.CONFLICT,
                    "The first request with this Idempotency-Key is still being processed; retry shortly"));
        }
        try {
            queue.send(new DeployCommand(CommandType.DEPLOY, agentId, agent.generation(), requestId, timestamp(now)));
        } catch (QueueUnavailableException e) {
            if (createdHere) {
                // Without its command the agent would sit in QUEUED: take it back and let the caller retry.
                store.delete(agentId, agent.version());
                quotas.release(caller.userId(), usage);
            }
            LOG.error("deploy command not sent", Map.of("agentId", agentId), e);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The deploy queue is unavailable; nothing was created, retry shortly");
        }
        AgentViews.Created view = new AgentViews.Created(agentId, agent.status().name(), timestamp(agent.createdAt()),
                rules.estimatedDeployTime());
        if (claimKey != null) {
            idempotency.finish(claimKey, 202, Json.write(view));
        }
        LOG.info("agent created", Map.of("agentId", agentId, "plugins", request.spec().plugins().size(),
                "replicas", request.spec().resources().replicas()));
        return new CreateResult(view, false);
    }

    /** The catalogue image these plugins run on is already known to fail its scan: refuse before anything is kept. */
    private void refuseKnownBlockedImage(List<String> plugins) {
        if (imageCatalogue == null || imageVerdicts == null) {
            return;
        }
        String image = imageCatalogue.get().imageFor(plugins).reference();
        imageVerdicts.get().find(image).filter(io.agentlaunchpad.scan.ImageVerdict::blocked).ifPresent(v -> {
            throw new ApiException(ErrorCode.SECURITY_SCAN_FAILED, "Security scan blocked deployment: the image for "
                    + "these plugins failed its scan (" + v.reason() + ")");
        });
    }

    public int maxListLimit() {
        return rules.maxListLimit();
    }

    public int maxListOffset() {
        return rules.maxListOffset();
    }

    public AgentViews.Detail get(Principal caller, String agentId) {
        Agent agent = load(caller, agentId);
        return new AgentViews.Detail(agent.agentId(), agent.spec().name(), agent.spec().description(), agent.owner(),
                agent.status().name(), agent.statusReason(), rules.url(agent.agentId()), agent.spec().personality(),
                agent.spec().plugins(), agent.spec().resources(), agent.platformView(), agent.generation(),
                agent.version(), timestamp(agent.createdAt()), timestamp(agent.updatedAt()),
                timestamp(agent.deployedAt()));
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
                        recorded.url(), live, recorded.deployedAt(), recorded.lastUpdated()))
                .orElse(recorded);
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
                .map(a -> new AgentViews.ListItem(a.agentId(), a.name(), a.status().name(), a.owner(),
                        timestamp(a.createdAt()), rules.url(a.agentId())))
                .toList();
        return new AgentViews.Listing(items, SideCalls.join(total), limit, after == null ? offset : after.position(),
                AgentPageTokens.encode(page.next(), owner, status));
    }

    public AgentViews.Scaled scale(Principal caller, String agentId, JsonNode body, String ifMatch, String requestId) {
        int replicas = requests.parseScale(body);
        Agent before = load(caller, agentId);
        Agent after = withinQuota(caller, before, before.spec().resources().withReplicas(replicas), () -> change(
                before, ifMatch, CommandType.SCALE, requestId, agent -> agent.next(
                agent.spec().withResources(agent.spec().resources().withReplicas(replicas)),
                agent.sealedPlatforms(), agent.platformView(), AgentStatus.SCALING, clock.instant(),
                agent.restartRequestedAt())));
        // As the API reference shows it (scale to 2 answers currentReplicas 2): the count the agent now has;
        // how many are ready is the status route's health.kubernetes.readyReplicas.
        return new AgentViews.Scaled(agentId, replicas, replicas, after.status().name(), timestamp(after.updatedAt()));
    }

    public AgentViews.Operation update(Principal caller, String agentId, JsonNode body, String ifMatch,
                                       String requestId) {
        AgentChange change = requests.parseUpdate(body);
        Agent before = load(caller, agentId);
        AgentSpec old = before.spec();
        Resources resources = new Resources(
                change.memory() != null ? change.memory() : old.resources().memory(),
                change.cpu() != null ? change.cpu() : old.resources().cpu(),
                change.replicas() != null ? change.replicas() : old.resources().replicas());
        AgentSpec spec = new AgentSpec(old.name(),
                change.description() != null ? change.description() : old.description(),
                change.personality() != null ? change.personality() : old.personality(),
                change.plugins() != null ? change.plugins() : old.plugins(),
                resources);
        Map<String, Map<String, String>> platforms = null;
        if (change.platforms() != null) {
            platforms = new LinkedHashMap<>(vault.unseal(agentId, before.sealedPlatforms()));
            for (Map.Entry<String, Map<String, String>> entry : change.platforms().entrySet()) {
                if (entry.getValue() == null) {
                    platforms.remove(entry.getKey());
                } else {
                    platforms.put(entry.getKey(), entry.getValue());
                }
            }
            requests.checkMerged(spec.plugins(), platforms);
        } else if (change.plugins() != null) {
            requests.checkMerged(spec.plugins(), before.platformView());
        }
        Map<String, Map<String, String>> merged = platforms;
        Agent after = withinQuota(caller, before, resources, () -> change(before, ifMatch, CommandType.UPDATE,
                requestId, agent -> agent.next(spec,
                merged == null ? agent.sealedPlatforms() : vault.seal(agentId, merged),
                merged == null ? agent.platformView() : PlatformVault.redact(merged),
                AgentStatus.UPDATING, clock.instant(), agent.restartRequestedAt())));
        return new AgentViews.Operation(agentId, after.status().name(), "Agent update initiated",
                timestamp(after.updatedAt()));
    }

    public AgentViews.Operation restart(Principal caller, String agentId, String ifMatch, String requestId) {
        Agent before = load(caller, agentId);
        Agent after = change(before, ifMatch, CommandType.RESTART, requestId, agent -> agent.next(agent.spec(),
                agent.sealedPlatforms(), agent.platformView(), AgentStatus.RESTARTING, clock.instant(),
                clock.instant()));
        return new AgentViews.Operation(agentId, after.status().name(), "Agent restart initiated",
                timestamp(after.updatedAt()));
    }

    public AgentViews.Operation delete(Principal caller, String agentId, String ifMatch, String requestId) {
        Agent before = load(caller, agentId);
        Agent after;
        try {
            after = change(before, ifMatch, CommandType.DELETE, requestId, agent -> agent.next(agent.spec(),
                    agent.sealedPlatforms(), agent.platformView(), AgentStatus.DELETING, clock.instant(),
                    agent.restartRequestedAt()));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.SERVICE_UNAVAILABLE && before.status() != AgentStatus.DELETING) {
                // DELETING is recorded; a retry will find it so and must not give the usage back again
                quotas.release(before.owner(), before.spec().resources().usage());
            }
            throw e;
        }
        if (before.status() != AgentStatus.DELETING) {
            // only the request that moved the agent to DELETING (the version check makes it one) gives usage back
            quotas.release(before.owner(), before.spec().resources().usage());
        }
        return new AgentViews.Operation(agentId, after.status().name(), "Agent deletion initiated",
                timestamp(after.updatedAt()));
    }

    private Agent change(Agent before, String ifMatch, CommandType command, String requestId,
                         Function<Agent, Agent> next) {
        if (before.status() == AgentStatus.DELETING && command != CommandType.DELETE) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId() + "' is being deleted");
        }
        if (ifMatch != null && !ifMatch.replace("\"", "").trim().equals(Long.toString(before.version()))) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId() + "' is at version "
                    + before.version() + ", not " + ifMatch.replace("\"", "").trim() + " (If-Match)");
        }
        Agent current = before;
        Agent after;
        for (int attempt = 1; ; attempt++) {
            after = next.apply(current);
            try {
                store.replace(after, current.version());
                break;
            } catch (VersionConflictException e) {
                // Without If-Match the caller asked for no concurrency check: if only the deployer's observations
                // moved the version (same generation), apply the change to the record as it now is.
                Agent fresh = ifMatch == null && attempt < 5 ? store.find(before.agentId()).orElse(null) : null;
                if (fresh == null || fresh.generation() != before.generation()
                        || fresh.status() == AgentStatus.DELETING) {
                    throw new ApiException(ErrorCode.CONFLICT, "Agent '" + before.agentId()
                            + "' was changed by another request at the same time; read it again and retry");
                }
                current = fresh;
            }
        }
        try {
            queue.send(new DeployCommand(command, after.agentId(), after.generation(), requestId,
                    timestamp(after.updatedAt())));
        } catch (QueueUnavailableException e) {
            // The desired state is recorded; a retry of this request (or the reconciler) sends the command again.
            LOG.error("deploy command not sent", Map.of("agentId", after.agentId(), "command", command.name()), e);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The change was recorded but the deploy queue is unavailable; retry shortly");
        }
        LOG.info("agent changed", Map.of("agentId", after.agentId(), "command", command.name(),
                "generation", after.generation()));
        return after;
    }

    /**
     * Reserves the change in the owner's usage before the write, and gives it back when the write does not happen
     * (a recorded change whose command could not be sent keeps it: a retry sends that command).
     */
    private Agent withinQuota(Principal caller, Agent before, Resources wanted, java.util.function.Supplier<Agent> write) {
        Usage delta = wanted.usage().minus(before.spec().resources().usage());
        quotas.reserve(before.owner(), role(caller), delta, wanted.replicas());
        try {
            return write.get();
        } catch (ApiException e) {
            if (e.code() != ErrorCode.SERVICE_UNAVAILABLE) {
                quotas.release(before.owner(), delta);
            }
            throw e;
        } catch (RuntimeException e) {
            quotas.release(before.owner(), delta);
            throw e;
        }
    }

    private static Role role(Principal caller) {
        return Role.parse(caller.role()).orElse(Role.VIEWER);
    }

    private Agent load(Principal caller, String agentId) {
        Agent agent = store.find(agentId).orElseThrow(() -> ApiException.agentNotFound(agentId));
        if (!caller.isAdmin() && !agent.owner().equals(caller.userId())) {
            throw ApiException.agentNotFound(agentId);
        }
        return agent;
    }

    private String newAgentId() {
        StringBuilder id = new StringBuilder("agent-");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
