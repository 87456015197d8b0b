package io.agentlaunchpad.timeline;

import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.Platform;
import io.agentlaunchpad.agents.QueuedChanges;
import io.agentlaunchpad.deploy.CommandType;
import io.agentlaunchpad.logging.JsonLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

/**
 * What the api and the deployer call as they work: one entry per transition (the port drops a repeat of the last).
 * Recording never fails the caller's work: a timeline that cannot be written is logged and the rollout goes on.
 */
@ApplicationScoped
public class TimelineRecorder implements QueuedChanges {

    /** For code built without a timeline (tests, tools): records nothing. */
    public static final TimelineRecorder NONE = new TimelineRecorder(null, Clock.systemUTC());

    private static final JsonLog LOG = JsonLog.of("timeline");
    /** Shorter values are too likely to be ordinary words to blank out of a message. */
    private static final int SHORTEST_SECRET = 6;

    private final AgentTimeline timeline;
    private final Clock clock;

    @Inject
    public TimelineRecorder(AgentTimeline timeline, Clock clock) {
        this.timeline = timeline;
        this.clock = clock;
    }

    /** The first entry of a change: a person reads what was asked for and that it waits its turn. */
    @Override
    public void queued(Agent agent, CommandType command) {
        record(agent, TimelineType.QUEUED, switch (command) {
            case DEPLOY -> "Creation accepted; revision " + agent.generation() + " is queued for deployment";
            case SCALE -> "Scale to " + agent.spec().resources().replicas() + " replicas queued";
            case RESTART -> "Restart queued";
            case DELETE -> "Deletion queued";
            default -> "Change queued as revision " + agent.generation();
        });
    }

    public void record(Agent agent, TimelineType type, String message) {
        record(agent.agentId(), agent.owner(), agent.generation(), type, message);
    }

    public void record(String agentId, String owner, long revision, TimelineType type, String message) {
        if (timeline == null) {
            return;
        }
        TimelineEntry entry = new TimelineEntry(agentId, owner, revision, type, message, clock.instant(),
                UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try {
            timeline.append(entry);
        } catch (RuntimeException e) {
            LOG.warn("timeline entry not recorded", Map.of("agentId", agentId, "type", type.name(),
                    "error", e.getClass().getSimpleName()));
        }
    }

    /**
     * {@code message} with every one of {@code secrets} replaced by {@link Platform#REDACTED}: a crashing agent's
     * last log lines, quoted in a failure reason, may print its own tokens.
     */
    public static String scrub(String message, Collection<String> secrets) {
        if (message == null) {
            return null;
        }
        String scrubbed = message;
        // longest first, so a secret containing another is blanked whole
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (secret != null && secret.length() >= SHORTEST_SECRET) {
                scrubbed = scrubbed.replace(secret, Platform.REDACTED);
            }
        }
        return scrubbed;
    }
}
