package io.agentlaunchpad.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentlaunchpad.json.Json;
import io.agentlaunchpad.messages.AgentChannel.AgentAddress;
import io.agentlaunchpad.messages.AgentChannel.AgentResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * ElizaOS 1.7.2's sessions API, one conversation per user: the agent keeps its sessions in memory (30 minutes
 * after the last message by default), so the platform keeps none and looks up the user's session in the agent's
 * list before each call. {@code POST /api/messaging/sessions/{id}/messages} with {@code transport: http} answers
 * the agent's reply synchronously ({@code agentResponse}).
 */
final class ElizaSessions {

    static final String SESSIONS = "/api/messaging/sessions";

    /** What the agent answered that is not what the protocol promises: the agent is at fault. */
    static final class AgentErrorException extends RuntimeException {
        final int status;

        AgentErrorException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    record Reply(String text, List<String> actions) {
    }

    record Entry(boolean fromAgent, String text, Instant at) {
    }

    private final AgentChannel channel;
    private final Clock clock;

    ElizaSessions(AgentChannel channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    Reply send(AgentAddress agent, UUID elizaAgent, UUID user, String content, Instant deadline) {
        String session = find(agent, elizaAgent, user, deadline).orElseGet(() -> create(agent, elizaAgent, user,
                deadline));
        AgentResponse answer = post(agent, session, content, deadline);
        if (answer.status() == 404 || answer.status() == 410) {
            // expired between the lookup and the message (or the agent restarted): one new session, once
            answer = post(agent, create(agent, elizaAgent, user, deadline), content, deadline);
        }
        JsonNode body = success(answer, "sending the message");
        JsonNode response = body.path("agentResponse");
        List<String> actions = new ArrayList<>();
        response.path("actions").forEach(a -> {
            if (a.isTextual()) {
                actions.add(a.asText());
            }
        });
        return new Reply(response.path("text").asText(""), actions);
    }

    /**
     * The user's conversation, oldest first; empty when the agent holds no session for the user. Read from the
     * agent's memories of the session's room, which hold its replies too; the session's own message list (which
     * with {@code transport: http} holds only the user's side) when the memories cannot be read.
     */
    List<Entry> history(AgentAddress agent, UUID elizaAgent, UUID user, int limit, Instant deadline) {
        Optional<JsonNode> session = findSession(agent, elizaAgent, user, deadline);
        if (session.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        String room = session.get().path("channelId").asText("");
        AgentResponse memories = room.isEmpty() ? null : channel.exchange(agent, "GET", "/api/memory/" + elizaAgent
                + "/memories?roomId=" + room, null, remaining(deadline));
        if (memories != null && memories.successful()) {
            for (JsonNode m : success(memories, "reading its memories").path("data").path("memories")) {
                Instant at = instant(m.path("createdAt")).orElse(null);
                String text = m.path("content").path("text").asText("");
                if (at != null && !text.isEmpty()) {
                    entries.add(new Entry(elizaAgent.toString().equalsIgnoreCase(m.path("entityId").asText()), text,
                            at));
                }
            }
        } else {
            AgentResponse answer = channel.exchange(agent, "GET", SESSIONS + "/" + session.get().path("sessionId")
                    .asText() + "/messages?limit=" + limit, null, remaining(deadline));
            if (answer.status() == 404 || answer.status() == 410) {
                return List.of();
            }
            for (JsonNode m : success(answer, "reading the conversation").path("messages")) {
                Instant at = instant(m.path("createdAt")).orElse(null);
                if (at != null) {
                    entries.add(new Entry(m.path("isAgent").asBoolean(false), m.path("content").asText(""), at));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries.size() > limit ? entries.subList(entries.size() - limit, entries.size()) : entries;
    }

    private Optional<String> find(AgentAddress agent, UUID elizaAgent, UUID user, Instant deadline) {
        return findSession(agent, elizaAgent, user, deadline).map(s -> s.path("sessionId").asText());
    }

    /** The user's most recently active session with the agent, as the agent lists it. */
    private Optional<JsonNode> findSession(AgentAddress agent, UUID elizaAgent, UUID user, Instant deadline) {
        JsonNode body = success(channel.exchange(agent, "GET", SESSIONS, null, remaining(deadline)),
                "listing its sessions");
        return StreamSupport.stream(body.path("sessions").spliterator(), false)
                .filter(s -> elizaAgent.toString().equalsIgnoreCase(s.path("agentId").asText())
                        && user.toString().equalsIgnoreCase(s.path("userId").asText())
                        && !s.path("sessionId").asText("").isEmpty())
                .max(Comparator.comparing(s -> instant(s.path("lastActivity")).orElse(Instant.EPOCH)));
    }

    private String create(AgentAddress agent, UUID elizaAgent, UUID user, Instant deadline) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("agentId", elizaAgent.toString())
                .put("userId", user.toString());
        JsonNode body = success(channel.exchange(agent, "POST", SESSIONS, Json.write(request), remaining(deadline)),
                "opening a session");
        String id = body.path("sessionId").asText("");
        if (id.isEmpty()) {
            throw new AgentErrorException(200, "the agent opened a session without an id");
        }
        return id;
    }

    private AgentResponse post(AgentAddress agent, String session, String content, Instant deadline) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("content", content).put("transport", "http");
        return channel.exchange(agent, "POST", SESSIONS + "/" + session + "/messages", Json.write(message),
                remaining(deadline));
    }

    private static JsonNode success(AgentResponse answer, String doing) {
        if (!answer.successful()) {
            throw new AgentErrorException(answer.status(), "the agent answered HTTP " + answer.status() + " "
                    + doing);
        }
        try {
            return Json.tree(answer.body() == null ? "{}" : answer.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AgentErrorException(answer.status(), "the agent answered something that is not JSON " + doing);
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new AgentChannel.AgentTimeoutException("no time left before the deadline");
        }
        return left;
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(node.asLong()));
        }
        try {
            return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
