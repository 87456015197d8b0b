package io.agentlaunchpad.sdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The timeline entries not seen before, oldest first; the first call keeps only the latest revision's (the rollout
 * being waited for), not the agent's whole history.
 */
final class NewTimelineEntries {

    private final Agents agents;
    private final String agentId;
    private final Set<String> seen = new HashSet<>();
    private Long revision;

    NewTimelineEntries(Agents agents, String agentId) {
        this.agents = agents;
        this.agentId = agentId;
    }

    List<ApiObject> next() {
        List<ApiObject> entries = agents.events(agentId, 50, null).objects("events");
        if (revision == null) {
            revision = entries.isEmpty() ? 0 : entries.get(0).number("revision");
        }
        List<ApiObject> fresh = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            ApiObject e = entries.get(i);
            if (e.number("revision") >= revision && seen.add(e.string("id"))) {
                fresh.add(e);
            }
        }
        return fresh;
    }
}
