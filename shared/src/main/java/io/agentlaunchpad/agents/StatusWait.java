package io.agentlaunchpad.agents;

import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.access.Principal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/agents/{agentId}/status?waitFor=DEPLOYED,FAILED&timeout=20s}: answers once the agent is in one of
 * the wanted states or has failed, else with its status at the timeout. One Lambda invocation waits: it re-reads
 * the record (one GetItem) after pauses growing from {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE}, so a
 * transition is seen within half a second of the deployer recording it, and the whole wait stays under API Gateway's
 * 29 s integration limit.
 */
public final class StatusWait {

    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(500);
    private static final Pattern TIMEOUT = Pattern.compile("^(\\d{1,5})(ms|s)?$");
    private static final Set<AgentStatus> FAILURES = EnumSet.of(AgentStatus.FAILED);

    /** What the caller waits for, parsed from the query. */
    public record Request(Set<AgentStatus> wanted, Duration timeout) {
    }

    private final AgentService agents;
    private final AgentStore store;

    public StatusWait(AgentService agents, AgentStore store) {
        this.agents = agents;
        this.store = store;
    }

    /** @return null when neither parameter is given (a plain status read) */
    public static Request parse(String waitFor, String timeout) {
        boolean noTimeout = timeout == null || timeout.isEmpty();
        if ((waitFor == null || waitFor.isEmpty()) && noTimeout) {
            return null;
        }
        if (waitFor == null || waitFor.isBlank()) {
            throw ApiException.validation("waitFor", "is required with timeout: one or more of "
                    + java.util.List.of(AgentStatus.values()) + ", comma-separated");
        }
        Set<AgentStatus> wanted = EnumSet.noneOf(AgentStatus.class);
        for (String part : waitFor.split(",", -1)) {
            wanted.add(AgentStatus.parse(part.strip().toUpperCase(Locale.ROOT)).orElseThrow(() ->
                    ApiException.validation("waitFor", "must be one or more of "
                            + java.util.List.of(AgentStatus.values()) + ", comma-separated")));
        }
        return new Request(wanted, noTimeout ? DEFAULT_TIMEOUT : timeout(timeout));
    }

    private static Duration timeout(String text) {
        Matcher m = TIMEOUT.matcher(text.strip());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            if (!d.isZero() && d.compareTo(MAX_TIMEOUT) <= 0) {
                return d;
            }
        }
        throw ApiException.validation("timeout", "must be a duration from 1s to " + MAX_TIMEOUT.toSeconds()
                + "s, such as 20s");
    }

    public AgentViews.Status await(Principal caller, String agentId, Request request) {
        AgentViews.Status first = agents.status(caller, agentId);
        if (settled(first.status(), request)) {
            return first;
        }
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return agents.status(caller, agentId);
            }
            try {
                Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return agents.status(caller, agentId);
            }
            AgentStatus now = store.find(agentId).map(Agent::status).orElse(null);
            if (now == null || settled(now.name(), request)) {
                // gone (deleted meanwhile: the status read says "not found") or there: the full answer
                return agents.status(caller, agentId);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static boolean settled(String status, Request request) {
        return AgentStatus.parse(status).map(s -> request.wanted().contains(s) || FAILURES.contains(s)).orElse(true);
    }
}
