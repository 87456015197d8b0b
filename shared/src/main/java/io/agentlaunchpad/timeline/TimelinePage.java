package io.agentlaunchpad.timeline;

import java.util.List;

/** A page of a timeline, newest first; {@code lastKey} is where the next page starts, null at the end. */
public record TimelinePage(List<TimelineEntry> entries, String lastKey) {
}
