package io.agentlaunchpad.timeline;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentStore;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.access.Principal;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.agentlaunchpad.time.Timestamps.timestamp;

/**
 * Reads an agent's timeline for its owner (or an admin). The timeline outlives the agent until it expires: once the
 * record is gone, ownership is read from the entries themselves.
 */
@ApplicationScoped
public class TimelineService {

    public static final int MAX_LIMIT = 100;
    private static final Pattern ENTRY_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]{1,20}Z#[a-z0-9]{1,40}");

    private final AgentTimeline timeline;
    private final AgentStore agents;

    public TimelineService(AgentTimeline timeline, AgentStore agents) {
        this.timeline = timeline;
        this.agents = agents;
    }

    public TimelineViews.Listing list(Principal caller, String agentId, int limit, String nextToken) {
        String after = nextToken == null ? null : decode(nextToken);
        Optional<Agent> agent = agents.find(agentId);
        if (agent.isPresent() && !caller.isAdmin() && !agent.get().owner().equals(caller.userId())) {
            throw ApiException.agentNotFound(agentId);
        }
        TimelinePage page = timeline.page(agentId, limit, after);
        if (agent.isEmpty()) {
            // deleted (or never was): only its owner may read what is left, and nothing left is "not found"
            boolean owned = page.entries().stream().findFirst()
                    .map(e -> caller.isAdmin() || caller.userId().equals(e.owner())).orElse(false);
            if (!owned) {
                throw ApiException.agentNotFound(agentId);
            }
        }
        return new TimelineViews.Listing(agentId, page.entries().stream()
                .map(e -> new TimelineViews.Entry(e.id(), timestamp(e.at()), e.revision(), e.type().name(),
                        e.message()))
                .toList(), limit, page.lastKey() == null ? null : encode(page.lastKey()));
    }

    static String encode(String entryKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(entryKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (ENTRY_KEY.matcher(key).matches()) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // not base64: the same answer as a key of the wrong shape
        }
        throw ApiException.validation("nextToken", "is not a token this API issued");
    }
}
