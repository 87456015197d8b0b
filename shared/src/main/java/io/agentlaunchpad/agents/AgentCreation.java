package io.agentlaunchpad.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.agents.AgentRequests.NewAgent;
import io.agentlaunchpad.agents.AgentService.CreateResult;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.deploy.DeployCommand;
import io.agentlaunchpad.deploy.DeployQueue;
import io.agentlaunchpad.deploy.QueueUnavailableException;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.limits.Usage;
import io.agentlaunchpad.logging.JsonLog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * A new agent: under its idempotency key, the image pre-check, the quota reservation, the agent stored with its
 * first revision, and its first command sent; without the command it would sit QUEUED, so it is taken back.
 */
final class AgentCreation {

    private static final JsonLog LOG = JsonLog.of("agents");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final AgentStore store;
    private final DeployQueue queue;
    private final PlatformVault vault;
    private final AgentSettings rules;
    private final AgentRequests requests;
    private final Clock clock;
    private final IdempotentCreate idempotentCreate;
    private final QuotaGuard quotas;
    private final RevisionHistory revisions;
    private final KnownBlockedImages blockedImages;
    private final QueuedChanges queuedChanges;
    private final SecureRandom random = new SecureRandom();

    AgentCreation(AgentStore store, DeployQueue queue, PlatformVault vault, AgentSettings rules, AgentRequests requests,
                  Clock clock, IdempotentCreate idempotentCreate, QuotaGuard quotas, RevisionHistory revisions,
                  KnownBlockedImages blockedImages, QueuedChanges queuedChanges) {
        this.store = store;
        this.queue = queue;
        this.vault = vault;
        this.rules = rules;
        this.requests = requests;
        this.clock = clock;
        this.idempotentCreate = idempotentCreate;
        this.quotas = quotas;
        this.revisions = revisions;
        this.blockedImages = blockedImages;
        this.queuedChanges = queuedChanges;
    }

    CreateResult create(Principal caller, JsonNode body, String idempotencyKey, String requestId) {
        NewAgent request = requests.parseCreate(body);
        return idempotentCreate.run(caller.userId(), idempotencyKey, body, newAgentId(),
                (agentId, mayExist) -> createUnder(caller, request, agentId, mayExist, requestId));
    }

    private AgentViews.Created createUnder(Principal caller, NewAgent request, String agentId, boolean mayExist,
                                           String requestId) {
        blockedImages.refuse(request.spec().plugins());
        Instant now = clock.instant();
        Agent agent = new Agent(agentId, caller.userId(), request.spec(), vault.seal(agentId, request.platforms()),
                PlatformVault.redact(request.platforms()), AgentStatus.QUEUED, null, 1, 1, 0, now, now, null, null,
                vault.newSealedAuthToken(agentId));
        boolean createdHere = true;
        Usage usage = quotas.reserveNew(caller, request.spec().resources());
        try {
            store.create(agent, revisions.first(agent, caller, requestId));
        } catch (AgentAlreadyExistsException e) {
            quotas.release(caller.userId(), usage); // counted when it was created
            if (!mayExist) {
                throw new IllegalStateException("agent id collision", e);
            }
            createdHere = false;
            agent = store.find(agentId).orElseThrow(() -> new ApiException(ErrorCode.CONFLICT,
                    "The first request with this Idempotency-Key is still being processed; retry shortly"));
        }
        queuedChanges.queued(agent, CommandType.DEPLOY);
        try {
            queue.send(new DeployCommand(CommandType.DEPLOY, agentId, agent.generation(), requestId, timestamp(now)));
        } catch (QueueUnavailableException e) {
            if (createdHere) {
                store.delete(agentId, agent.version());
                quotas.release(caller.userId(), usage);
            }
            LOG.error("deploy command not sent", Map.of("agentId", agentId), e);
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The deploy queue is unavailable; nothing was created, retry shortly");
        }
        LOG.info("agent created", Map.of("agentId", agentId, "plugins", request.spec().plugins().size(),
                "replicas", request.spec().resources().replicas()));
        return new AgentViews.Created(agentId, agent.status().name(), timestamp(agent.createdAt()),
                rules.estimatedDeployTime());
    }

    private String newAgentId() {
        StringBuilder id = new StringBuilder("agent-");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
