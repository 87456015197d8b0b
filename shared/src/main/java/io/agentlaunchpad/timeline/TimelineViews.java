package io.agentlaunchpad.timeline;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The timeline as the API shows it ({@code GET /api/agents/{agentId}/events}). */
public final class TimelineViews {

    private TimelineViews() {
    }

    @RegisterForReflection
    public record Entry(String id, String timestamp, long revision, String type, String message) {
    }

    @RegisterForReflection
    public record Listing(String agentId, List<Entry> events, int limit, String nextToken) {
    }
}
