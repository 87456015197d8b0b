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
    /** ElizaOS's default message server id; any id is accepted without data isolation, which PGlite has not. */
    static final String DEFAULT_MESSAGE_SERVER = "00000000-0000-0000-0000-000000000000";

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
        Session session = findSession(agent, elizaAgent, user, deadline).map(ElizaSessions::session)
                .orElseGet(() -> create(agent, elizaAgent, user, deadline));
        AgentResponse answer = post(agent, session.id(), content, deadline);
        if (answer.status() == 404 || answer.status() == 410) {
            // expired between the lookup and the message (or the agent restarted): one new session, once
            session = create(agent, elizaAgent, user, deadline);
            answer = post(agent, session.id(), content, deadline);
        }
        JsonNode body = success(answer, "sending the message");
        JsonNode response = body.path("agentResponse");
        List<String> actions = new ArrayList<>();
        response.path("actions").forEach(a -> {
            if (a.isTextual()) {
                actions.add(a.asText());
            }
        });
        Reply reply = new Reply(response.path("text").asText(""), actions);
        keepReply(agent, elizaAgent, session, body.path("userMessage").path("id").asText(""), reply, deadline);
        return reply;
    }

    /**
     * ElizaOS 1.7.2 stores the user's side of an {@code http} exchange in the session's channel but not the agent's
     * reply (its message service saves a reply only through a callback, which that transport does not pass). The
     * reply is posted to the channel as the agent would post it from its message bus ({@code /api/messaging/submit},
     * {@code source_type: agent_response}, which the session's message list shows as the agent's), so the
     * conversation holds both sides. Best effort: the reply has been given either way, so a refusal here is not an
     * error of the message.
     */
    private void keepReply(AgentAddress agent, UUID elizaAgent, Session session, String userMessageId, Reply reply,
                           Instant deadline) {
        if (reply.text().isEmpty() || session.channelId().isEmpty() || clock.instant().isAfter(deadline)) {
            return;
        }
        ObjectNode raw = Json.MAPPER.createObjectNode().put("text", reply.text());
        reply.actions().forEach(raw.putArray("actions")::add);
        ObjectNode message = Json.MAPPER.createObjectNode().put("channel_id", session.channelId())
                .put("message_server_id", DEFAULT_MESSAGE_SERVER).put("author_id", elizaAgent.toString())
                .put("content", reply.text()).put("source_type", "agent_response");
        message.set("raw_message", raw);
        if (!userMessageId.isEmpty()) {
            message.put("in_reply_to_message_id", userMessageId);
        }
        try {
            channel.exchange(agent, "POST", "/api/messaging/submit", Json.write(message), remaining(deadline));
        } catch (AgentChannel.AgentTimeoutException e) {
            // the reply was already given; the conversation misses it
        }
    }

    /** The user's conversation, oldest first, as the session's channel holds it; empty without a session. */
    List<Entry> history(AgentAddress agent, UUID elizaAgent, UUID user, int limit, Instant deadline) {
        Optional<JsonNode> session = findSession(agent, elizaAgent, user, deadline);
        if (session.isEmpty()) {
            return List.of();
        }
        AgentResponse answer = channel.exchange(agent, "GET", SESSIONS + "/" + session.get().path("sessionId")
                .asText() + "/messages?limit=" + limit, null, remaining(deadline));
        if (answer.status() == 404 || answer.status() == 410) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode m : success(answer, "reading the conversation").path("messages")) {
            Instant at = instant(m.path("createdAt")).orElse(null);
            if (at != null) {
                entries.add(new Entry(m.path("isAgent").asBoolean(false), m.path("content").asText(""), at));
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries.size() > limit ? entries.subList(entries.size() - limit, entries.size()) : entries;
    }

    private record Session(String id, String channelId) {
    }

    private static Session session(JsonNode node) {
        return new Session(node.path("sessionId").asText(), node.path("channelId").asText(""));
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

    private Session create(AgentAddress agent, UUID elizaAgent, UUID user, Instant deadline) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("agentId", elizaAgent.toString())
                .put("userId", user.toString());
        JsonNode body = success(channel.exchange(agent, "POST", SESSIONS, Json.write(request), remaining(deadline)),
                "opening a session");
        String id = body.path("sessionId").asText("");
        if (id.isEmpty()) {
            throw new AgentErrorException(200, "the agent opened a session without an id");
        }
        return session(body);
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
