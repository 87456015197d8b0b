package io.agentlaunchpad.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentlaunchpad.http.ProxyResponse;
import io.agentlaunchpad.scan.ImageCatalogue;
import io.agentlaunchpad.scan.ImageVerdict;
import io.agentlaunchpad.scan.ImageVerdicts;
import io.agentlaunchpad.testing.BackendsResource;
import io.agentlaunchpad.testing.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.agentlaunchpad.api.Responses.body;
import static io.agentlaunchpad.testing.Users.newUser;
import static io.agentlaunchpad.api.Responses.error;
import static io.agentlaunchpad.api.Responses.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** The revision routes and rollback through their functions: answers, bad input naming its field, refusals. */
@QuarkusTest
@QuarkusTestResource(BackendsResource.class)
class AgentRevisionRoutesTest {

    @Inject
    AgentFunctions agents;
    @Inject
    RevisionFunctions revisions;
    @Inject
    ImageCatalogue catalogue;
    @Inject
    ImageVerdicts verdicts;

    final String user = newUser();

    String create() {
        ProxyResponse created = agents.createAgent(Events.api("createAgent").user(user).keyId("key-rev").request());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return body(created).get("agentId").asText();
    }

    void describe(String agentId, String description) {
        ProxyResponse updated = agents.updateAgent(Events.api("updateAgent").user(user).agentId(agentId)
                .body("{\"description\": \"" + description + "\"}").request());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(202);
    }

    ProxyResponse rollback(String agentId, String body) {
        return revisions.rollbackAgent(Events.api("rollbackAgent").user(user).agentId(agentId).body(body).request());
    }

    ProxyResponse revision(String agentId, String number) {
        return revisions.getAgentRevision(Events.api("getAgentRevision").user(user).agentId(agentId)
                .pathParameter("revision", number).request());
    }

    @Test
    void anUpdateAndARollback_areListedNewestFirst_withAuthorAndChangedPaths() {
        String agentId = create();
        describe(agentId, "second");

        ProxyResponse rolled = rollback(agentId, "{\"revision\": 1}");

        assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(202);
        assertThat(body(rolled).get("status").asText()).isEqualTo("UPDATING");
        JsonNode list = body(revisions.listAgentRevisions(Events.api("listAgentRevisions").user(user).agentId(agentId)
                .request()));
        assertThat(list.get("currentRevision").asLong()).isEqualTo(3);
        assertThat(list.get("revisions").findValuesAsText("kind")).containsExactly("ROLLBACK", "UPDATE", "CREATE");
        assertThat(list.get("revisions").get(0).get("changes")).extracting(JsonNode::asText)
                .containsExactly("description");
        assertThat(list.get("revisions").get(0).get("rolledBackFrom").asLong()).isEqualTo(1);
        assertThat(list.get("revisions").findValuesAsText("userId")).containsOnly(user);
        assertThat(list.at("/revisions/2/createdBy/keyId").asText()).isEqualTo("key-rev");
        JsonNode first = body(revision(agentId, "1"));
        assertThat(first.at("/spec/description").asText()).isEqualTo(body(agents.getAgent(Events.api("getAgent")
                .user(user).agentId(agentId).request())).get("description").asText());
    }

    @Test
    void theRevisionListIsPagedByNextToken() {
        String agentId = create();
        describe(agentId, "two");
        describe(agentId, "three");
        List<Long> seen = new ArrayList<>();
        String token = null;
        do {
            Events event = Events.api("listAgentRevisions").user(user).agentId(agentId);
            event.query(token == null ? java.util.Map.of("limit", "2") : java.util.Map.of("limit", "2", "nextToken", token));
            JsonNode page = body(revisions.listAgentRevisions(event.request()));
            page.get("revisions").forEach(r -> seen.add(r.get("revision").asLong()));
            token = page.path("nextToken").isTextual() ? page.get("nextToken").asText() : null;
        } while (token != null);

        assertThat(seen).containsExactly(3L, 2L, 1L);
    }

    @Test
    void badRevisionsAreValidationErrorsNamingTheField_unknownIs404_currentIs409() {
        String agentId = create();

        assertThat(fields(rollback(agentId, "{}"))).containsExactly("revision");
        assertThat(fields(rollback(agentId, "{\"revision\": \"one\"}"))).containsExactly("revision");
        assertThat(fields(rollback(agentId, "{\"revision\": 0}"))).containsExactly("revision");
        assertThat(fields(revision(agentId, "abc"))).containsExactly("revision");
        error(revision(agentId, "99"), 404, "NOT_FOUND");
        error(rollback(agentId, "{\"revision\": 99}"), 404, "NOT_FOUND");
        assertThat(error(rollback(agentId, "{\"revision\": 1}"), 409, "CONFLICT").get("message").asText())
                .contains("already the current revision");
        assertThat(error(revisions.listAgentRevisions(Events.api("listAgentRevisions").user(user).agentId(agentId)
                .query(java.util.Map.of("nextToken", "bm90LW91cnM")).request()), 400, "VALIDATION_ERROR")
                .toString()).contains("nextToken");
    }

    @Test
    void anotherOwnersRevisionsAreNotFound() {
        String agentId = create();

        error(revisions.listAgentRevisions(Events.api("listAgentRevisions").user("user-other").agentId(agentId)
                .request()), 404, "AGENT_NOT_FOUND");
        error(revisions.rollbackAgent(Events.api("rollbackAgent").user("user-other").agentId(agentId)
                .body("{\"revision\": 1}").request()), 404, "AGENT_NOT_FOUND");
    }

    @Test
    void rollingBackToARevisionWhoseImageIsNowBlocked_isSecurityScanFailed() {
        String agentId = create();
        describe(agentId, "second");
        List<String> plugins = new ArrayList<>();
        body(revision(agentId, "1")).at("/spec/selectedPlugins").forEach(p -> plugins.add(p.asText()));
        String image = catalogue.imageFor(plugins).reference();
        verdicts.record(new ImageVerdict(image, "sha256:" + "1".repeat(64), true, "scan-x", "2 critical", "2026-12-03T00:00:00Z"));
        try {
            error(rollback(agentId, "{\"revision\": 1}"), 422, "SECURITY_SCAN_FAILED");
        } finally {
            verdicts.record(new ImageVerdict(image, "sha256:" + "1".repeat(64), false, "scan-x", null, "2026-12-03T00:00:00Z"));
        }
        JsonNode list = body(revisions.listAgentRevisions(Events.api("listAgentRevisions").user(user).agentId(agentId)
                .request()));
        assertThat(list.get("revisions")).hasSize(2);
    }
}
