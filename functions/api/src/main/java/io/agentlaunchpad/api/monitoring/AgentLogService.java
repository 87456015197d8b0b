package io.agentlaunchpad.api.monitoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.agents.AgentService;
import io.agentlaunchpad.agents.AgentViews;
import io.agentlaunchpad.cluster.AgentNames;
import io.agentlaunchpad.errors.ApiException;
import io.agentlaunchpad.errors.ErrorCode;
import io.agentlaunchpad.access.Principal;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.time.Since;
import io.agentlaunchpad.cluster.ClusterReadException;
import io.agentlaunchpad.cluster.ClusterReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/agents/{agentId}/logs}: every container of every pod of the agent (and the previous instance of a
 * restarted container, while the kubelet keeps it, each line once), read with timestamps, merged in time order. {@code follow=true}
 * is a bounded long-poll: it answers as soon as lines newer than {@code cursor} exist, or after
 * {@code launchpad.ops.logs.follow-wait} with none; every answer carries the {@code cursor} for the next call.
 */
@ApplicationScoped
public class AgentLogService {

    private static final Pattern LEVEL = Pattern.compile(
            "^(?:\\[[^\\]]*\\]\\s*)?\\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SUCCESS|LOG)\\]?(?::|\\s|$)\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    @RegisterForReflection
    public record Entry(String timestamp, String level, String message, String pod) {
    }

    @RegisterForReflection
    public record Logs(String agentId, List<Entry> logs, int totalLines, boolean truncated, boolean follow,
                       String cursor) {
    }

    /** A line as read: its exact time for ordering, and its entry. */
    @RegisterForReflection
    record Line(Instant at, Entry entry) {
    }

    /** Where the caller has read up to: a time and how many lines at exactly that time it has seen. */
    @RegisterForReflection
    record Cursor(Instant at, int seenAtThatTime) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at + "|" + seenAtThatTime).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.validation("cursor", "is not a cursor this API issued");
            }
        }

        boolean before(Line line, int indexAtTime) {
            int c = line.at().compareTo(at);
            return c > 0 || (c == 0 && indexAtTime >= seenAtThatTime);
        }
    }

    private final AgentService agents;
    private final ClusterReads cluster;
    private final MonitoringConfig config;
    private final Clock clock;

    @Inject
    public AgentLogService(AgentService agents, ClusterReads cluster, MonitoringConfig config, Clock clock) {
        this.agents = agents;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
    }

    public int maxLines() {
        return config.logs().maxLines();
    }

    public Logs logs(Principal caller, String agentId, int lines, String sinceParam, String followParam,
                     String cursorParam) {
        Instant since = Since.parse("since", sinceParam, clock.instant());
        boolean follow = parseFollow(followParam);
        Cursor cursor = cursorParam == null || cursorParam.isEmpty() ? null : Cursor.decode(cursorParam);
        AgentViews.Detail agent = agents.get(caller, agentId);
        String namespace = AgentNames.namespace(config.namespacePrefix(), agent.owner());

        if (!follow || cursor == null) {
            List<Line> all = read(namespace, agent, since, lines);
            if (!follow || !all.isEmpty()) {
                return answer(agentId, all, lines, follow, true, cursor);
            }
        }
        // A follow: wait (bounded) for lines after the cursor.
        Cursor from = cursor != null ? cursor : new Cursor(since != null ? since : clock.instant(), 0);
        long deadline = System.nanoTime() + config.logs().followWait().toNanos();
        while (true) {
            List<Line> fresh = after(from, read(namespace, agent, from.at(), config.logs().maxLines()));
            if (!fresh.isEmpty()) {
                return answer(agentId, fresh, lines, true, false, from);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Logs(agentId, List.of(), 0, false, true, from.encode());
            }
            try {
                Thread.sleep(Math.max(1, Math.min(config.logs().pollInterval().toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Logs(agentId, List.of(), 0, false, true, from.encode());
            }
        }
    }

    /** The newest {@code lines} (a plain read) or the oldest {@code lines} after the cursor (a follow), with the next cursor. */
    private static Logs answer(String agentId, List<Line> all, int lines, boolean follow, boolean newest, Cursor previous) {
        boolean truncated = all.size() > lines;
        List<Line> kept = !truncated ? all : newest ? all.subList(all.size() - lines, all.size()) : all.subList(0, lines);
        Cursor next = previous;
        if (!kept.isEmpty()) {
            Instant last = kept.get(kept.size() - 1).at();
            int atLast;
            if (newest) {
                // the kept lines end the read: every line read at that time has been seen, also any before the window
                atLast = (int) all.stream().filter(l -> l.at().equals(last)).count();
            } else {
                atLast = (int) kept.stream().filter(l -> l.at().equals(last)).count();
                if (previous != null && previous.at().equals(last)) {
                    atLast += previous.seenAtThatTime();
                }
            }
            next = new Cursor(last, atLast);
        }
        return new Logs(agentId, kept.stream().map(Line::entry).toList(), kept.size(), truncated, follow,
                next == null ? null : next.encode());
    }

    private static List<Line> after(Cursor cursor, List<Line> lines) {
        List<Line> fresh = new ArrayList<>();
        int atTime = 0;
        for (Line line : lines) {
            int index = line.at().equals(cursor.at()) ? atTime++ : 0;
            if (cursor.before(line, index)) {
                fresh.add(line);
            }
        }
        return fresh;
    }

    private List<Line> read(String namespace, AgentViews.Detail agent, Instant since, int lines) {
        List<ClusterReads.AgentPod> pods;
        try {
            pods = cluster.agentPods(namespace, agent.agentId());
        } catch (ClusterReadException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster did not answer; retry shortly");
        }
        if (pods.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "Agent '" + agent.agentId() + "' has no pods (status "
                    + agent.status() + "): there are no logs to read yet");
        }
        List<Line> all = new ArrayList<>();
        for (ClusterReads.AgentPod pod : pods) {
            for (ClusterReads.AgentContainer container : pod.containers()) {
                if (container.previousIsAnotherRun()) {
                    parse(log(namespace, pod.name(), container.name(), true, since, lines), pod.name(), all);
                }
                parse(log(namespace, pod.name(), container.name(), false, since, lines), pod.name(), all);
            }
        }
        all.sort(Comparator.comparing(Line::at));
        if (since != null) {
            all.removeIf(l -> l.at().isBefore(since));
        }
        return all;
    }

    private String log(String namespace, String pod, String container, boolean previous, Instant since, int lines) {
        try {
            // one more than asked: tells whether the answer is truncated
            return cluster.log(namespace, pod, container, previous, since, lines + 1);
        } catch (ClusterReadException e) {
            if (previous) {
                return null; // the kubelet no longer keeps the previous instance's log
            }
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster did not answer; retry shortly");
        }
    }

    static void parse(String log, String pod, List<Line> into) {
        if (log == null || log.isEmpty()) {
            return;
        }
        for (String raw : log.split("\n")) {
            if (raw.isBlank()) {
                continue;
            }
            int space = raw.indexOf(' ');
            Instant at;
            String text;
            try {
                at = Instant.parse(space < 0 ? raw : raw.substring(0, space));
                text = space < 0 ? "" : raw.substring(space + 1);
            } catch (DateTimeParseException e) {
                continue; // not a line the kubelet timestamped
            }
            String[] levelAndMessage = levelOf(ANSI.matcher(text).replaceAll("").stripTrailing());
            into.add(new Line(at, new Entry(at.toString(), levelAndMessage[0], levelAndMessage[1], pod)));
        }
    }

    /** ElizaOS logs through pino: a JSON line with a numeric or named level, or a pretty line led by the level. */
    static String[] levelOf(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode json = Json.tree(trimmed);
                JsonNode level = json.get("level");
                String message = json.hasNonNull("msg") ? json.get("msg").asText()
                        : json.hasNonNull("message") ? json.get("message").asText() : trimmed;
                if (level != null && level.isNumber()) {
                    int n = level.asInt();
                    return new String[]{n >= 60 ? "FATAL" : n >= 50 ? "ERROR" : n >= 40 ? "WARN" : n >= 30 ? "INFO"
                            : n >= 20 ? "DEBUG" : "TRACE", message};
                }
                if (level != null && level.isTextual()) {
                    return new String[]{normalise(level.asText()), message};
                }
                return new String[]{"INFO", message};
            } catch (Exception e) {
                // not JSON after all
            }
        }
        Matcher m = LEVEL.matcher(trimmed);
        if (m.matches()) {
            return new String[]{normalise(m.group(1)), m.group(2).strip()};
        }
        return new String[]{"INFO", trimmed};
    }

    private static String normalise(String level) {
        String upper = level.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "WARNING" -> "WARN";
            case "SUCCESS", "LOG" -> "INFO";
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" -> upper;
            default -> "INFO";
        };
    }

    private static boolean parseFollow(String text) {
        if (text == null || text.isEmpty() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.validation("follow", "must be true or false");
    }
}
