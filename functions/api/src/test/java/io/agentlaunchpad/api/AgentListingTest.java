package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.api.Responses.fields;
import static io.agentlaunchpad.testing.Users.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Paging with limit and offset as the API reference describes, and with nextToken beyond it. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentListingTest {

    @Inject
    AgentFunctions functions;

    /** Creates {@code count} agents and returns their ids newest first. */
    List<String> createAgents(String user, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(body(functions.createAgent(Events.api("createAgent").user(user).request())).get("agentId").asText());
        }
        Collections.reverse(ids);
        return ids;
    }

    JsonNode list(String user, Map<String, String> query) {
        return body(functions.listAgents(Events.api("listAgents").user(user).query(query).request()));
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("agents").forEach(a -> ids.add(a.get("agentId").asText()));
        return ids;
    }

    @Test
    void limitAndOffsetSelectAWindowNewestFirst() {
        String user = newUser();
        List<String> all = createAgents(user, 7);

        JsonNode page = list(user, Map.of("limit", "3", "offset", "2"));

        assertThat(ids(page)).containsExactlyElementsOf(all.subList(2, 5));
        assertThat(page.get("total").asLong()).isEqualTo(7);
        assertThat(page.get("limit").asInt()).isEqualTo(3);
        assertThat(page.get("offset").asInt()).isEqualTo(2);
        assertThat(page.has("nextToken")).isTrue();

        JsonNode beyond = list(user, Map.of("offset", "7"));
        assertThat(beyond.get("agents")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(7);
        assertThat(beyond.has("nextToken")).isFalse();
    }

    @Test
    void nextTokenWalksEveryAgentOnceInOrder() {
        String user = newUser();
        List<String> all = createAgents(user, 11);

        List<String> seen = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "4"));
        while (true) {
            JsonNode page = list(user, query);
            seen.addAll(ids(page));
            offsets.add(page.get("offset").asInt());
            if (!page.has("nextToken")) {
                break;
            }
            query.put("nextToken", page.get("nextToken").asText());
        }

        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(offsets).containsExactly(0, 4, 8);
    }

    @Test
    void statusFiltersTheListAndItsTotal() {
        String user = newUser();
        List<String> all = createAgents(user, 3);
        functions.scaleAgent(Events.api("scaleAgent").user(user).agentId(all.get(1)).request());

        JsonNode scaling = list(user, Map.of("status", "SCALING"));
        assertThat(ids(scaling)).containsExactly(all.get(1));
        assertThat(scaling.get("total").asLong()).isEqualTo(1);

        JsonNode queued = list(user, Map.of("status", "QUEUED"));
        assertThat(ids(queued)).containsExactly(all.get(0), all.get(2));
        assertThat(queued.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aTokenFromOneListingIsRefusedByAnother() {
        String user = newUser();
        createAgents(user, 3);
        String token = list(user, Map.of("limit", "1")).get("nextToken").asText();

        assertThat(fields(functions.listAgents(Events.api("listAgents").user(user)
                .query(Map.of("limit", "1", "status", "QUEUED", "nextToken", token)).request())))
                .containsExactly("nextToken");
        // Another user replaying it stays inside their own listing: the token is bound to the owner.
        assertThat(fields(functions.listAgents(Events.api("listAgents").user(newUser())
                .query(Map.of("limit", "1", "nextToken", token)).request())))
                .containsExactly("nextToken");
    }
}
