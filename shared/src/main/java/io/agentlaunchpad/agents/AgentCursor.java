package io.agentlaunchpad.agents;

import java.util.Map;

/** Where a page ended: the index key of its last item, and how many items came before the next one. */
public record AgentCursor(Map<String, String> lastKey, int position) {
}
