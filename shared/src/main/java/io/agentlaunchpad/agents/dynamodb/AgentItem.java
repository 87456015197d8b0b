package io.agentlaunchpad.agents.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentlaunchpad.agents.Agent;
import io.agentlaunchpad.agents.AgentSpec;
import io.agentlaunchpad.agents.AgentStatus;
import io.agentlaunchpad.agents.AgentSummary;
import io.agentlaunchpad.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The attribute names of an agent item and the mapping both ways, in one place. */
final class AgentItem {

    static final String AGENT_ID = "agentId";
    static final String OWNER = "owner";
    static final String KIND = "kind";
    static final String NAME = "name";
    static final String SPEC = "spec";
    static final String PLATFORMS_SEALED = "platformsSealed";
    static final String PLATFORMS_VIEW = "platformsView";
    static final String AUTH_TOKEN_SEALED = "authTokenSealed";
    static final String STATUS = "status";
    static final String OWNER_STATUS = "ownerStatus";
    static final String STATUS_REASON = "statusReason";
    static final String GENERATION = "generation";
    static final String VERSION = "version";
    static final String READY_REPLICAS = "readyReplicas";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String DEPLOYED_AT = "deployedAt";
    static final String RESTART_REQUESTED_AT = "restartRequestedAt";
    static final String LIST_KEY = "listKey";
    static final String DEPLOYED_REVISION = "deployedRevision";

    static final String KIND_AGENT = "AGENT";

    private static final TypeReference<Map<String, Map<String, String>>> VIEW = new TypeReference<>() {
    };

    private AgentItem() {
    }

    static Map<String, AttributeValue> toItem(Agent agent) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(AGENT_ID, s(agent.agentId()));
        item.put(OWNER, s(agent.owner()));
        item.put(KIND, s(KIND_AGENT));
        item.put(NAME, s(agent.spec().name()));
        item.put(SPEC, s(Json.write(agent.spec())));
        if (agent.sealedPlatforms() != null) {
            item.put(PLATFORMS_SEALED, s(agent.sealedPlatforms()));
        }
        item.put(PLATFORMS_VIEW, s(Json.write(agent.platformView())));
        if (agent.sealedAuthToken() != null) {
            item.put(AUTH_TOKEN_SEALED, s(agent.sealedAuthToken()));
        }
        item.put(STATUS, s(agent.status().name()));
        item.put(OWNER_STATUS, s(ownerStatus(agent.owner(), agent.status())));
        if (agent.statusReason() != null) {
            item.put(STATUS_REASON, s(agent.statusReason()));
        }
        item.put(GENERATION, n(agent.generation()));
        item.put(VERSION, n(agent.version()));
        item.put(READY_REPLICAS, n(agent.readyReplicas()));
        item.put(CREATED_AT, s(agent.createdAt().toString()));
        item.put(UPDATED_AT, s(agent.updatedAt().toString()));
        if (agent.deployedAt() != null) {
            item.put(DEPLOYED_AT, s(agent.deployedAt().toString()));
        }
        if (agent.restartRequestedAt() != null) {
            item.put(RESTART_REQUESTED_AT, s(agent.restartRequestedAt().toString()));
        }
        item.put(LIST_KEY, s(listKey(agent.createdAt(), agent.agentId())));
        if (agent.deployedRevision() > 0) {
            item.put(DEPLOYED_REVISION, n(agent.deployedRevision()));
        }
        return item;
    }

    static Agent fromItem(Map<String, AttributeValue> item) {
        try {
            return new Agent(
                    item.get(AGENT_ID).s(),
                    item.get(OWNER).s(),
                    Json.MAPPER.readValue(item.get(SPEC).s(), AgentSpec.class),
                    text(item, PLATFORMS_SEALED),
                    Json.MAPPER.readValue(item.get(PLATFORMS_VIEW).s(), VIEW),
                    AgentStatus.valueOf(item.get(STATUS).s()),
                    text(item, STATUS_REASON),
                    Long.parseLong(item.get(GENERATION).n()),
                    Long.parseLong(item.get(VERSION).n()),
                    Integer.parseInt(item.get(READY_REPLICAS).n()),
                    instant(item, CREATED_AT),
                    instant(item, UPDATED_AT),
                    instant(item, DEPLOYED_AT),
                    instant(item, RESTART_REQUESTED_AT),
                    text(item, AUTH_TOKEN_SEALED),
                    item.containsKey(DEPLOYED_REVISION) ? Long.parseLong(item.get(DEPLOYED_REVISION).n()) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentSummary summary(Map<String, AttributeValue> item) {
        return new AgentSummary(item.get(AGENT_ID).s(), item.get(NAME).s(), AgentStatus.valueOf(item.get(STATUS).s()),
                item.get(OWNER).s(), instant(item, CREATED_AT));
    }

    static String ownerStatus(String owner, AgentStatus status) {
        return owner + "#" + status.name();
    }

    /** Sorts by creation time, then id: fixed-width epoch milliseconds keep string order equal to time order. */
    static String listKey(Instant createdAt, String agentId) {
        return String.format("%013d#%s", createdAt.toEpochMilli(), agentId);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text == null ? null : Instant.parse(text);
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
