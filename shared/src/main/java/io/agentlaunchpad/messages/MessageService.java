package io.agentlaunchpad.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.config.LaunchpadConfig;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.logging.JsonLog;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.messages.AgentChannel.AgentAddress;
import io.agentlaunchpad.agents.PlatformVault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * Talking to a running agent on the caller's behalf: the agent's own API, reached through {@link AgentChannel} with
 * the agent's token (unsealed only for the call, never shown or logged), within {@code launchpad.messages.timeout}.
 * Not running is 409, no answer in time 504, an error of the agent 503; someone else's agent is "not found".
 * Wired where an {@link AgentChannel} exists (the API functions, the local platform), not by this library.
 */
public class MessageService {

    private static final JsonLog LOG = JsonLog.of("messages");
    private static final Set<AgentStatus> RUNNING = EnumSet.of(AgentStatus.DEPLOYED, AgentStatus.UPDATING,
            AgentStatus.SCALING);

    private final AgentStore store;
    private final PlatformVault vault;
    private final ElizaSessions sessions;
    private final Duration timeout;
    private final Clock clock;

    public MessageService(AgentStore store, PlatformVault vault, AgentChannel channel, LaunchpadConfig config,
                          Clock clock) {
        this.store = store;
        this.vault = vault;
        this.sessions = new ElizaSessions(channel, clock);
        this.timeout = config.messages().timeout();
        this.clock = clock;
    }

    public MessageViews.Sent send(Principal caller, String agentId, JsonNode body) {
        MessageRequests.Outgoing message = MessageRequests.parseSend(body);
        String userId = message.userId() == null ? caller.userId() : message.userId();
        Agent agent = running(caller, agentId);
        ElizaSessions.Reply reply = call(agent, "send", () -> sessions.send(address(agent),
                ElizaIds.agent(agentId), ElizaIds.user(userId), message.content(), deadline()));
        return new MessageViews.Sent(agentId, userId, new MessageViews.ReplyContent(reply.text(), reply.actions()),
                timestamp(clock.instant()));
    }

    public MessageViews.Conversation list(Principal caller, String agentId, int limit, String userIdQuery) {
        String userId = MessageRequests.userIdQuery(userIdQuery);
        String whose = userId == null ? caller.userId() : userId;
        Agent agent = running(caller, agentId);
        List<ElizaSessions.Entry> entries = call(agent, "list", () -> sessions.history(address(agent),
                ElizaIds.agent(agentId), ElizaIds.user(whose), limit, deadline()));
        return new MessageViews.Conversation(agentId, whose, entries.stream()
                .map(e -> new MessageViews.Message(e.fromAgent() ? "agent" : "user", e.text(), timestamp(e.at())))
                .toList());
    }

    public int maxLimit() {
        return MessageRequests.MAX_LIMIT;
    }

    private Agent running(Principal caller, String agentId) {
        Agent agent = store.find(agentId).orElseThrow(() -> ApiException.agentNotFound(agentId));
        if (!caller.isAdmin() && !agent.owner().equals(caller.userId())) {
            throw ApiException.agentNotFound(agentId);
        }
        if (!RUNNING.contains(agent.status())) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + agentId + "' is not running (status "
                    + agent.status() + "); deploy or scale it up first");
        }
        if (agent.sealedAuthToken() == null) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + agentId + "' has no API token yet; restart it "
                    + "to give it one");
        }
        return agent;
    }

    private AgentAddress address(Agent agent) {
        return new AgentAddress(agent.owner(), agent.agentId(),
                vault.unsealAuthToken(agent.agentId(), agent.sealedAuthToken()));
    }

    private Instant deadline() {
        return clock.instant().plus(timeout);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + " ms";
        }
        return millis == 1000 ? "1 second" : millis / 1000 + " seconds";
    }

    private <T> T call(Agent agent, String what, Supplier<T> exchange) {
        String agentId = agent.agentId();
        Instant started = clock.instant();
        try {
            T result = exchange.get();
            LOG.info("agent answered", Map.of("agentId", agentId, "call", what,
                    "ms", Duration.between(started, clock.instant()).toMillis()));
            return result;
        } catch (AgentChannel.AgentNotReadyException e) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + agentId + "' is not running: no pod of it is "
                    + "ready (status " + agent.status() + "); retry when it is");
        } catch (AgentChannel.AgentTimeoutException e) {
            LOG.warn("agent did not answer in time", Map.of("agentId", agentId, "call", what,
                    "timeoutMs", timeout.toMillis()));
            throw new ApiException(ErrorCode.GATEWAY_TIMEOUT, "Agent '" + agentId + "' did not answer within "
                    + seconds(timeout));
        } catch (ElizaSessions.AgentErrorException e) {
            LOG.warn("agent answered an error", Map.of("agentId", agentId, "call", what, "status", e.status,
                    "error", e.getMessage()));
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Agent '" + agentId + "' could not answer: "
                    + e.getMessage() + "; retry shortly, or check its logs");
        } catch (AgentChannel.AgentUnreachableException e) {
            LOG.warn("agent unreachable", Map.of("agentId", agentId, "call", what, "error", e.getMessage()));
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The platform could not reach agent '" + agentId
                    + "'; retry shortly");
        }
    }
}
